import { Code, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBuildingSkyscraper } from '@tabler/icons-react';
import { FormActions } from '../core/FormActions.tsx';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { useCustomers } from '../customers/customers-api.ts';
import { useCreateSilence } from './alerts-api.ts';
import { DEFAULT_SILENCE_MINUTES, SILENCE_DURATIONS } from './silence-durations.ts';

/** The alert to silence; without one the form asks for the customer and the fingerprint. */
export interface SilenceTarget {
  customerId: string;
  fingerprint: string;
  title: string;
}

interface SilenceModalProps {
  opened: boolean;
  onClose: () => void;
  target: SilenceTarget | null;
}

/** Silences one fingerprint for a while: its alerts are still stored and counted, but no longer queued. */
export function SilenceModal({ opened, onClose, target }: SilenceModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={target ? `Silence “${target.title}”` : 'Silence an alert'}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {opened && <SilenceForm target={target} onClose={onClose} />}
    </Modal>
  );
}

interface SilenceValues {
  customerId: string;
  fingerprint: string;
  minutes: string;
  reason: string;
  _api?: string;
}

function SilenceForm({ target, onClose }: { target: SilenceTarget | null; onClose: () => void }) {
  const create = useCreateSilence();
  const customers = useCustomers(!target);
  const form = useForm<SilenceValues>({
    initialValues: {
      customerId: target?.customerId ?? '',
      fingerprint: target?.fingerprint ?? '',
      minutes: DEFAULT_SILENCE_MINUTES,
      reason: '',
    },
    validate: {
      customerId: (v) => (v ? null : 'Choose the customer whose alert it is'),
      fingerprint: (v) => (v.trim() ? null : 'Paste the fingerprint of the alert (copy it from the triage page)'),
      reason: (v) => (v.trim() ? null : 'Say why: the silence is shown with your name and reason'),
    },
  });
  const submit = form.onSubmit((values) => {
    const label = SILENCE_DURATIONS.find((d) => d.value === values.minutes)?.label ?? `${values.minutes} minutes`;
    create.mutate(
      {
        customerId: values.customerId,
        fingerprint: values.fingerprint.trim(),
        minutes: Number(values.minutes),
        reason: values.reason.trim(),
      },
      {
        onSuccess: () => {
          notifySuccess(`New alerts with this fingerprint are kept out of the queue for ${label}.`, 'Silenced');
          onClose();
        },
        onError: (error) => showApiError(form, error),
      },
    );
  }, focusFirstInvalid);

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Silence an alert">
      <Stack gap="md">
        <Text size="sm">
          While silenced, this alert is still recorded and counted but does not come back to the triage queue. It ends by itself;
          an administrator can end it sooner under Alert sources → Silences.
        </Text>
        {target ? (
          <Text size="sm">
            Fingerprint <Code>{target.fingerprint}</Code>
          </Text>
        ) : (
          <>
            <Select
              label="Customer"
              required
              searchable
              placeholder={customers.isPending ? 'Loading customers…' : 'Choose the customer'}
              data={(customers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              leftSection={<IconBuildingSkyscraper size={16} aria-hidden />}
              data-autofocus
              {...form.getInputProps('customerId')}
              value={form.values.customerId || null}
              onChange={(v) => form.setFieldValue('customerId', v ?? '')}
            />
            <TextInput label="Fingerprint" required ff="monospace" {...form.getInputProps('fingerprint')} />
          </>
        )}
        <Select
          label="For"
          data={SILENCE_DURATIONS}
          allowDeselect={false}
          data-autofocus={target ? true : undefined}
          {...form.getInputProps('minutes')}
        />
        <Textarea
          label="Reason"
          description="e.g. “Known: the nightly batch job, ticket OPS-123”. Shown with your name."
          required
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('reason')}
        />
        <NotSavedAlert error={form.errors._api} />
        <FormActions submitLabel="Silence" pending={create.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
