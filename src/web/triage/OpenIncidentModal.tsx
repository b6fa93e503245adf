import { Anchor, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBuildingSkyscraper } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { TriageItem } from '../../shared/triage-types.ts';
import { FormActions } from '../core/FormActions.tsx';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { useCustomers } from '../customers/customers-api.ts';
import { SeverityBadge } from '../incidents/SeverityBadge.tsx';
import { EarlierDismissal } from './EarlierDismissal.tsx';
import type { TriageActions } from './triage-api.ts';

interface OpenIncidentModalProps {
  opened: boolean;
  onClose: () => void;
  item: TriageItem;
  actions: TriageActions;
}

/** DP1 says "an incident": opens one from the item, which then belongs to it. */
export function OpenIncidentModal({ opened, onClose, ...rest }: OpenIncidentModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Open an incident"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {opened && <OpenIncidentForm onClose={onClose} {...rest} />}
    </Modal>
  );
}

interface OpenValues {
  title: string;
  customerId: string;
  _api?: string;
}

function OpenIncidentForm({ onClose, item, actions }: Omit<OpenIncidentModalProps, 'opened'>) {
  const needsCustomer = !item.customerId;
  const customers = useCustomers(needsCustomer);
  const reportable = (customers.data ?? []).filter((c) => c.allowed.reportIncident);
  const form = useForm<OpenValues>({
    initialValues: { title: item.title, customerId: '' },
    validate: {
      title: (v) =>
        v.trim() ? (v.length > 300 ? 'Keep the title to 300 characters or fewer' : null) : 'Give the incident a title',
      customerId: (v) => (needsCustomer && !v && (customers.data?.length ?? 0) > 0 ? 'Choose whose incident this is' : null),
    },
  });
  const submit = form.onSubmit((values) => {
    const title = values.title.trim();
    actions.open.mutate(
      {
        title: title !== item.title ? title : undefined,
        customerId: needsCustomer && values.customerId ? values.customerId : undefined,
      },
      {
        onSuccess: (result) => {
          const key = result.incident.key;
          notifySuccess(
            <>
              <Anchor component={Link} to={`/incidents/${encodeURIComponent(key)}`} size="sm" fw={600}>
                Go to {key}
              </Anchor>
              <Text span size="sm">
                {' '}
                — the item is under “Opened”.
              </Text>
            </>,
            `${key} is open`,
            { withLink: true },
          );
          onClose();
        },
        onError: (error) => showApiError(form, error),
      },
    );
  }, focusFirstInvalid);

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Open an incident">
      <Stack gap="md">
        <Text size="sm">
          This is an incident, not a false positive (DP1). The incident starts as reported, with{' '}
          {item.kind === 'alerts'
            ? 'the alerts attached; alerts that join the group later are counted on it.'
            : 'the report, what the reporter added later and its evidence.'}
        </Text>
        {item.status === 'dismissed' && <EarlierDismissal item={item} />}
        <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
        {needsCustomer && (
          <Select
            label="Customer"
            description="Whose plan, contacts and reporting obligations apply"
            placeholder={customers.isPending ? 'Loading customers…' : 'Choose the customer'}
            required={(customers.data?.length ?? 0) > 0}
            searchable
            data={reportable.map((c) => ({ value: c.id, label: c.code ? `${c.name} (${c.code})` : c.name }))}
            leftSection={<IconBuildingSkyscraper size={16} aria-hidden />}
            nothingFoundMessage="No customer matches"
            {...form.getInputProps('customerId')}
            value={form.values.customerId || null}
            onChange={(v) => form.setFieldValue('customerId', v ?? '')}
          />
        )}
        {item.severity && (
          <Text size="sm" c="dimmed">
            The {item.kind === 'alerts' ? 'alerts say' : 'report says'} <SeverityBadge severity={item.severity} size="sm" />. The
            incident’s severity follows from its C/I/A impact, assessed on the incident page (or set there with a reason).
          </Text>
        )}
        <NotSavedAlert error={form.errors._api} />
        <FormActions submitLabel="Open incident" pending={actions.open.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
