import { Alert, Button, Group, List, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconCircleCheck, IconRubberStamp } from '@tabler/icons-react';
import { useState } from 'react';
import type { PlanVersionSummary } from '../../shared/prepare-types.ts';
import { errorMessage } from '../core/error-message.ts';
import { apiErrorPath } from '../core/form-errors.ts';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid } from '../core/submit-shortcut.ts';
import { userTimeZone } from '../core/time.ts';
import { changeLines } from './compare-items.ts';
import { dateInputMonthsAhead, endOfDayIso } from './plan-format.ts';
import { type DraftChanges, usePublishPlan } from './plans-api.ts';

interface PublishValues {
  approver: string;
  owner: string;
  reviewBy: string;
}

interface PublishPlanFormProps {
  customerId: string;
  /** The signed-in user: the owner unless someone else is named. */
  me: string;
  /** The version in force, whose approver is offered again. */
  latest: PlanVersionSummary | undefined;
  /** What publishing would change since `latest`. */
  changes: DraftChanges;
}

/**
 * Freezes the draft as a new plan version with an owner, an approver and a review date, after confirming what it
 * changes. When nothing changed since the latest version there is nothing to publish.
 */
export function PublishPlanForm({ customerId, me, latest, changes }: PublishPlanFormProps) {
  if (latest && changes.since === latest.version && changes.sections.length === 0) {
    return (
      <Alert
        variant="light"
        color="teal"
        icon={<IconCircleCheck size={18} />}
        title={`Nothing changed since version ${latest.version}`}
      >
        The draft above is the plan in force. Change the customer’s services, contacts, roster, obligations, ladders or playbooks,
        and publishing a new version is offered here.
      </Alert>
    );
  }
  return <PublishForm customerId={customerId} me={me} latest={latest} changes={changes} />;
}

function PublishForm({ customerId, me, latest, changes }: PublishPlanFormProps) {
  const [confirming, setConfirming] = useState<PublishValues | null>(null);
  const next = (latest?.version ?? 0) + 1;
  const lines = changeLines(changes.sections);
  const publish = usePublishPlan(customerId);
  const form = useForm<PublishValues>({
    initialValues: { approver: latest?.approver ?? '', owner: me, reviewBy: dateInputMonthsAhead(12) },
    validate: {
      approver: (v) => (v.trim() ? null : 'Name who approved this plan, e.g. the customer’s CISO'),
      reviewBy: (v) => {
        const iso = endOfDayIso(v);
        if (!iso) return 'Choose the date by which the plan must be reviewed';
        return Date.parse(iso) <= Date.now() ? 'The review date must be in the future' : null;
      },
    },
  });

  const submit = form.onSubmit((values) => setConfirming(values), focusFirstInvalid);
  const confirm = (values: PublishValues) => {
    publish.mutate(
      {
        approver: values.approver.trim(),
        owner: values.owner.trim() || undefined,
        reviewBy: endOfDayIso(values.reviewBy) ?? undefined,
      },
      {
        onSuccess: (plan) => {
          notifySuccess(
            `Version ${plan.version} is now the plan in force. Print the offline kit for the binder.`,
            'Plan published',
          );
          form.setFieldValue('reviewBy', dateInputMonthsAhead(12));
          setConfirming(null);
        },
        onError: (error) => {
          setConfirming(null);
          const path = apiErrorPath(error);
          if (path && path in values) {
            form.setFieldError(path, errorMessage(error));
            form.getInputNode(path)?.focus();
          }
        },
      },
    );
  };
  const path = apiErrorPath(publish.error);
  const placed = path !== null && path in form.values;

  return (
    <form onSubmit={submit} noValidate aria-label="Publish plan version">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Approved by"
            placeholder="e.g. Kari Nordmann, CISO at ACME"
            withAsterisk
            {...form.getInputProps('approver')}
          />
          <TextInput
            label="Owner"
            description="Who keeps the plan up to date"
            placeholder={me}
            {...form.getInputProps('owner')}
          />
          <TextInput
            label="Review by"
            description={`Default: in 12 months (${userTimeZone()})`}
            type="date"
            withAsterisk
            {...form.getInputProps('reviewBy')}
          />
        </SimpleGrid>
        {publish.isError && !placed && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="The plan was not published" role="alert">
            {errorMessage(publish.error)}
          </Alert>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Publishing freezes the draft above with its SHA-256; later changes need a new version.
          </Text>
          <Button type="submit" leftSection={<IconRubberStamp size={16} />} loading={publish.isPending}>
            Publish plan version {next}
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={`Publish plan version ${next}?`}
        closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
      >
        <Stack gap="md">
          {latest ? (
            <>
              <Text size="sm">What changes since version {latest.version}:</Text>
              <List size="sm" spacing={4} aria-label="Changes since the plan in force">
                {lines.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            </>
          ) : (
            <Text size="sm">The first version: it freezes the draft above as the plan incidents of this customer work from.</Text>
          )}
          <Text size="sm" c="dimmed">
            Approved by {confirming?.approver.trim()}. New incidents link this version; earlier ones keep theirs.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)} data-autofocus>
              Cancel
            </Button>
            <Button
              leftSection={<IconRubberStamp size={16} />}
              loading={publish.isPending}
              onClick={() => confirming && confirm(confirming)}
            >
              Publish version {next}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
