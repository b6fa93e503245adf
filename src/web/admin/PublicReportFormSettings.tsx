import {
  ActionIcon,
  Anchor,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconExternalLink } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../core/error-message.ts';
import { apiErrorPath } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { RelativeTime } from '../core/RelativeTime.tsx';
import {
  INTRO_MAX,
  type PublicReportFormSetting,
  usePublicReportForm,
  useSavePublicReportForm,
} from './public-report-form-api.ts';

/** The card for administrators: switch the public report form on or off, word its intro, see where it lives. */
export function PublicReportFormSettings() {
  const query = usePublicReportForm();
  const body = (
    <QueryView
      query={query}
      loading={
        <Stack gap="xs" aria-busy aria-label="Loading the setting">
          <Skeleton h={24} w={280} />
          <Skeleton h={90} />
        </Stack>
      }
      errorTitle="Could not load the setting"
    >
      {(setting) => (
        // A new saved value (here or by another admin, on reload) starts the form afresh.
        <SettingForm key={setting.updatedAt ?? 'never'} setting={setting} />
      )}
    </QueryView>
  );

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="public-report-form-title">
      <Title order={2} fz="h4" id="public-report-form-title">
        Setting
      </Title>
      <Text c="dimmed" size="sm" mb="md">
        Lets anyone report a suspected incident (a phishing e-mail, a lost laptop, a computer acting strangely) without an
        account, anonymously if they wish. Reports land in the triage queue; the reporter gets a receipt key to check the status
        and add information. No JavaScript, no third-party captcha: posts are rate-limited per address, and the reporter’s IP
        address is not stored.
      </Text>
      {body}
    </Paper>
  );
}

function switchHint(saved: boolean, chosen: boolean): string {
  if (chosen !== saved) return chosen ? 'Opens to the public when you save.' : 'Closes when you save.';
  return chosen
    ? 'On: anyone with the address can send a report.'
    : 'Off: the form’s pages answer “not enabled” and store nothing.';
}

function SettingForm({ setting }: { setting: PublicReportFormSetting }) {
  const save = useSavePublicReportForm();
  const [enabled, setEnabled] = useState(setting.enabled);
  const [intro, setIntro] = useState(setting.intro);
  const changed = enabled !== setting.enabled || intro.trim() !== setting.intro;
  const introError = apiErrorPath(save.error) === 'intro' ? errorMessage(save.error) : null;
  const otherError = save.error && !introError ? errorMessage(save.error) : null;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    save.mutate(
      { enabled, intro: intro.trim() },
      {
        onSuccess: (saved) =>
          notifySuccess(
            saved.enabled ? 'Anyone with the address can now send a report.' : 'The form answers “not enabled” now.',
            'Public report form saved',
          ),
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label="Public report form setting">
      <Stack gap="md">
        <Switch
          size="md"
          checked={enabled}
          onChange={(event) => setEnabled(event.currentTarget.checked)}
          label="Accept reports from anyone, without an account"
          description={switchHint(setting.enabled, enabled)}
        />
        <Textarea
          label="Introduction"
          description="Plain text shown above the form: who reads the reports, and whom to call in an emergency."
          placeholder="e.g. Reports go to the IT security team of Acme. In an emergency call +47 22 00 00 00."
          autosize
          minRows={3}
          maxRows={10}
          maxLength={INTRO_MAX}
          value={intro}
          onChange={(event) => setIntro(event.currentTarget.value)}
          error={introError}
        />
        <div>
          <Text size="sm" fw={500}>
            Public address
          </Text>
          <Group gap={4} wrap="nowrap">
            <Code fz="sm" style={{ overflowWrap: 'anywhere' }}>
              {setting.url}
            </Code>
            <CopyButton value={setting.url} timeout={2000}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy the address'} withArrow>
                  <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label="Copy the address">
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
            {setting.enabled && (
              <Tooltip label="Open the form" withArrow>
                <ActionIcon
                  component="a"
                  href={setting.url}
                  target="_blank"
                  rel="noopener"
                  variant="subtle"
                  color="gray"
                  aria-label="Open the form"
                >
                  <IconExternalLink size={16} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            Reporters follow up at{' '}
            <Anchor href={`${setting.url}/follow-up`} target="_blank" rel="noopener" inherit>{`${setting.url}/follow-up`}</Anchor>
            . Put the address on your intranet and posters.
          </Text>
        </div>
        <NotSavedAlert error={otherError} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {setting.updatedBy && setting.updatedAt ? (
              <>
                Last changed by {setting.updatedBy.name}, <RelativeTime value={setting.updatedAt} span />
              </>
            ) : (
              'Never switched on: off by default.'
            )}
          </Text>
          <Button type="submit" loading={save.isPending} disabled={!changed}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
