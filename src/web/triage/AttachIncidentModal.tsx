import { Checkbox, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { TriageItem } from '../../shared/triage-types.ts';
import { FormActions } from '../core/FormActions.tsx';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { EarlierDismissal } from './EarlierDismissal.tsx';
import { IncidentPicker } from './IncidentPicker.tsx';
import type { TriageActions } from './triage-api.ts';

interface AttachIncidentModalProps {
  opened: boolean;
  onClose: () => void;
  item: TriageItem;
  customerName: string | null;
  actions: TriageActions;
}

/** The item belongs to an incident already being worked: it joins that incident. */
export function AttachIncidentModal({ opened, onClose, ...rest }: AttachIncidentModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Attach to an incident"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {opened && <AttachForm onClose={onClose} {...rest} />}
    </Modal>
  );
}

interface AttachValues {
  incidentId: string;
  incidentKey: string;
  _api?: string;
}

function AttachForm({ onClose, item, customerName, actions }: Omit<AttachIncidentModalProps, 'opened'>) {
  const [everyCustomer, setEveryCustomer] = useState(!item.customerId);
  const form = useForm<AttachValues>({
    initialValues: { incidentId: '', incidentKey: '' },
    validate: { incidentId: (v) => (v ? null : 'Choose the incident it belongs to') },
  });
  const submit = form.onSubmit((values) => {
    actions.attach.mutate(values.incidentId, {
      onSuccess: () => {
        notifySuccess(`It is now part of ${values.incidentKey}.`, 'Attached');
        onClose();
      },
      onError: (error) => showApiError(form, error),
    });
  }, focusFirstInvalid);

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Attach to an incident">
      <Stack gap="md">
        <Text size="sm">
          Part of something already being handled: the {item.kind === 'alerts' ? 'alerts join' : 'report joins'} that incident and
          it is noted on its timeline.
        </Text>
        {item.status === 'dismissed' && <EarlierDismissal item={item} />}
        <IncidentPicker
          label="Incident"
          description={everyCustomer || !customerName ? 'Open incidents of every customer' : `Open incidents of ${customerName}`}
          required
          autoFocus
          customerId={everyCustomer ? null : item.customerId}
          value={form.values.incidentId || null}
          onChange={(incident) => {
            form.setValues({ incidentId: incident?.id ?? '', incidentKey: incident?.key ?? '' });
            form.clearFieldError('incidentId');
          }}
          error={form.errors.incidentId}
        />
        {item.customerId && (
          <Checkbox
            label="Show every customer’s open incidents"
            checked={everyCustomer}
            onChange={(e) => setEveryCustomer(e.currentTarget.checked)}
          />
        )}
        <NotSavedAlert error={form.errors._api} />
        <FormActions submitLabel="Attach" pending={actions.attach.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
