import { Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconGavel } from '@tabler/icons-react';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import type { ObligationDefinition } from '../../shared/prepare-types.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
import { useRecordDetermination } from '../incidents/incidents-api.ts';
import { determinationWords, triggerWords } from '../obligations/obligation-words.ts';

interface DeterminationButtonProps {
  incident: Incident;
  /** The determination, e.g. "significant" (NIS2), "major" (DORA), "high-risk-to-data-subjects" (GDPR Art. 34). */
  name: string;
  /** The switched-on obligations that wait for it. */
  waiting: ObligationDefinition[];
}

/**
 * "Determine: significant…": asks why, then records the determination on the incident. It is made once, stays on the
 * timeline, and starts the clocks of the obligations waiting for it (when their other conditions hold too).
 */
export function DeterminationButton({ incident, name, waiting }: DeterminationButtonProps) {
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const determine = useRecordDetermination(incident);
  const words = determinationWords(name);
  const label = `Determine: ${words}`;

  const close = () => {
    setOpened(false);
    setReason('');
    setError(null);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setError('Write down why: it is recorded with the determination on the timeline');
      return;
    }
    determine.mutate(
      { name, reason: text },
      {
        onSuccess: (next) => {
          notifySuccess(
            'The obligations waiting for it start their clocks: see the plan panel.',
            `${next.key}: determined ${words}`,
          );
          close();
        },
        onError: (err) => {
          if (isApiError(err, 'invalid') && err.field === 'reason') {
            setError(errorMessage(err));
            return;
          }
          notifyError(`${label}: not recorded`, err);
          close();
        },
      },
    );
  };

  return (
    <>
      <Button size="compact-sm" variant="light" leftSection={<IconGavel size={14} />} onClick={() => setOpened(true)}>
        {label}…
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={label}
        size="lg"
        centered
        closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
      >
        <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
          <Stack gap="md">
            <Text size="sm">
              Record that {incident.key} is <b>{words}</b>. It is made once and stays on the timeline with your name and reason.
              It starts the clocks of:
            </Text>
            <List size="sm" spacing={6}>
              {waiting.map((definition) => (
                <List.Item key={definition.id}>
                  <Text size="sm" fw={600} span>
                    {definition.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Applies when: {triggerWords(definition.trigger).join('; ')}
                  </Text>
                </List.Item>
              ))}
            </List>
            <Textarea
              label="Reason"
              description="Why the incident is determined so: the criteria met and who decided. Ctrl+Enter to confirm."
              required
              autosize
              minRows={3}
              maxRows={10}
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setError(null);
              }}
              error={error}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={determine.isPending}>
                {label}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
