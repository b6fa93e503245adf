import { Alert, Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconRubberStamp } from '@tabler/icons-react';
import type { PlanVersionSummary } from '../../shared/prepare-types.ts';
import { errorMessage } from '../core/error-message.ts';
import { apiErrorPath } from '../core/form-errors.ts';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid } from '../core/submit-shortcut.ts';
import { userTimeZone } from '../core/time.ts';
import { dateInputMonthsAhead, endOfDayIso } from './plan-format.ts';
import { usePublishPlan } from './plans-api.ts';

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
}

/** Freezes the draft as a new plan version with an owner, an approver and a review date. */
export function PublishPlanForm({ customerId, me, latest }: PublishPlanFormProps) {
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

  const submit = form.onSubmit((values) => {
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
        },
        onError: (error) => {
          const path = apiErrorPath(error);
          if (path && path in values) {
            form.setFieldError(path, errorMessage(error));
            form.getInputNode(path)?.focus();
          }
        },
      },
    );
  }, focusFirstInvalid);
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
            Publish plan version {(latest?.version ?? 0) + 1}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
