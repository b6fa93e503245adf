import { Modal, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBuildingSkyscraper, IconServer } from '@tabler/icons-react';
import { FormActions } from '../core/FormActions.tsx';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { useCustomers } from '../customers/customers-api.ts';
import { useServices } from '../services/services-api.ts';
import { type SourceWithToken, useAlertSourceActions } from './alerts-api.ts';

interface NewAlertSourceModalProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (created: SourceWithToken) => void;
}

/** A new source: a monitoring system posting one customer's alerts (optionally of one service) with its own token. */
export function NewAlertSourceModal({ opened, onClose, onCreated }: NewAlertSourceModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="New alert source"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {opened && <SourceForm onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

interface SourceValues {
  name: string;
  customerId: string;
  serviceId: string;
  fingerprintLabels: string[];
  _api?: string;
}

function SourceForm({ onClose, onCreated }: Omit<NewAlertSourceModalProps, 'opened'>) {
  const { create } = useAlertSourceActions();
  const customers = useCustomers();
  const form = useForm<SourceValues>({
    initialValues: { name: '', customerId: '', serviceId: '', fingerprintLabels: [] },
    validate: {
      name: (v) => (v.trim() ? (v.length > 200 ? 'Keep the name to 200 characters or fewer' : null) : 'Name the source'),
      customerId: (v) => (v ? null : 'Choose whose alerts these are'),
    },
  });
  const services = useServices(form.values.customerId || null);
  const submit = form.onSubmit((values) => {
    create.mutate(
      {
        name: values.name.trim(),
        customerId: values.customerId,
        serviceId: values.serviceId || undefined,
        fingerprintLabels: values.fingerprintLabels.length ? values.fingerprintLabels : undefined,
      },
      {
        onSuccess: (created) => {
          onClose();
          onCreated(created);
        },
        onError: (error) => showApiError(form, error),
      },
    );
  }, focusFirstInvalid);

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="New alert source">
      <Stack gap="md">
        <Text size="sm">
          Each monitoring system gets its own token, so that one can be revoked without touching the others. Every alert it posts
          belongs to the customer chosen here.
        </Text>
        <TextInput
          label="Name"
          placeholder="e.g. Prometheus production"
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Select
          label="Customer"
          required
          searchable
          placeholder={customers.isPending ? 'Loading customers…' : 'Choose the customer'}
          data={(customers.data ?? []).map((c) => ({ value: c.id, label: c.code ? `${c.name} (${c.code})` : c.name }))}
          leftSection={<IconBuildingSkyscraper size={16} aria-hidden />}
          nothingFoundMessage="No customer matches"
          {...form.getInputProps('customerId')}
          value={form.values.customerId || null}
          onChange={(v) => {
            form.setFieldValue('customerId', v ?? '');
            form.setFieldValue('serviceId', '');
          }}
        />
        <Select
          label="Service"
          description="When the source watches one service: its alerts are about it"
          placeholder={
            !form.values.customerId
              ? 'Choose the customer first'
              : (services.data?.length ?? 0) === 0
                ? 'This customer has no services registered'
                : 'Any of the customer’s services'
          }
          clearable
          disabled={!form.values.customerId || (services.data?.length ?? 0) === 0}
          data={(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          leftSection={<IconServer size={16} aria-hidden />}
          {...form.getInputProps('serviceId')}
          value={form.values.serviceId || null}
          onChange={(v) => form.setFieldValue('serviceId', v ?? '')}
        />
        <TagsInput
          label="Fingerprint labels"
          description="For alerts that bring no fingerprint: the labels that tell one alert from another (Enter after each). Empty: all labels."
          placeholder="e.g. alertname, instance"
          splitChars={[',', ' ']}
          {...form.getInputProps('fingerprintLabels')}
        />
        <NotSavedAlert error={form.errors._api} />
        <FormActions submitLabel="Create source" pending={create.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
