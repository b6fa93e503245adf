import {
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconRefreshAlert } from '@tabler/icons-react';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import { SEVERITIES } from '../../shared/incident-vocabulary.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { userTimeZone } from '../core/time.ts';
import { IncidentCustomerFields, useHasCustomers } from '../customers/IncidentCustomerFields.tsx';
import { CategorySelect } from './CategorySelect.tsx';
import { changesBetween, type EditValues, editValuesOf, rebaseValues } from './edit-details-values.ts';
import { ImpactInput } from './ImpactInput.tsx';
import { formFieldFor, incidentFormValidation } from './incident-form-values.ts';
import { ORIGIN_OPTIONS, SEVERITY_LABELS } from './incident-labels.ts';
import type { useIncidentActions } from './incidents-api.ts';
import { LocalDateTimeInput } from './LocalDateTimeInput.tsx';
import { PersonalDataInput } from './PersonalDataInput.tsx';
import { TlpSelect } from './TlpSelect.tsx';

interface EditDetailsModalProps {
  incident: Incident;
  opened: boolean;
  onClose: () => void;
  action: ReturnType<typeof useIncidentActions>['update'];
}

export function EditDetailsModal({ incident, opened, onClose, action }: EditDetailsModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Edit ${incident.key}`}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {opened && <EditDetailsForm incident={incident} onClose={onClose} action={action} />}
    </Modal>
  );
}

function EditDetailsForm({ incident, onClose, action }: Omit<EditDetailsModalProps, 'opened'>) {
  // The incident as it was when editing started; the live stream may move `incident` on meanwhile.
  const [base, setBase] = useState(incident);
  // A note from a colleague bumps the version too; only changed fields make editing conflict.
  const changedMeanwhile = JSON.stringify(editValuesOf(incident)) !== JSON.stringify(editValuesOf(base));
  const expectedVersion = changedMeanwhile ? base.version : incident.version;
  // An incident filed under a customer stays under one; older incidents without one may be given one.
  const hasCustomers = useHasCustomers();
  const form = useForm<EditValues>({
    initialValues: editValuesOf(incident),
    validate: {
      ...incidentFormValidation,
      customerId: (v) => (base.customerId && !v ? 'Choose the customer this incident belongs to' : null),
      overrideReason: (v, values) => (values.overrideSeverity && !v.trim() ? 'Say why the derived severity does not fit' : null),
    },
  });

  const derived = incident.derivedSeverity ? SEVERITY_LABELS[incident.derivedSeverity] : 'not assessed';
  const severityOptions = [
    { value: '', label: `Derived from C/I/A (${derived})` },
    ...SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] })),
  ];

  const submit = form.onSubmit((values) => {
    const changes = changesBetween(base, values);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    action.mutate(
      { ...changes, expectedVersion },
      {
        onSuccess: () => {
          notifySuccess('Details saved');
          onClose();
        },
        onError: (error) => {
          const field = isApiError(error) ? error.field : undefined;
          if (field?.startsWith('severityOverride')) form.setFieldError('overrideReason', errorMessage(error));
          else if (formFieldFor(field)) {
            form.setFieldError(formFieldFor(field) as string, errorMessage(error));
            form.getInputNode(formFieldFor(field) as string)?.focus();
          } else notifyError('Details not saved', error);
        },
      },
    );
  }, focusFirstInvalid);

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
      <Stack gap="md">
        <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
        <Textarea
          label="Description"
          description="Markdown"
          autosize
          minRows={3}
          maxRows={10}
          {...form.getInputProps('description')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <CategorySelect {...form.getInputProps('category')} />
          <Select label="Origin" data={ORIGIN_OPTIONS} allowDeselect={false} {...form.getInputProps('origin')} />
        </SimpleGrid>
        {(hasCustomers || form.values.customerId) && (
          <IncidentCustomerFields
            customerId={form.values.customerId}
            serviceIds={form.values.serviceIds}
            onChange={(next) => form.setValues(next)}
            errors={{ customerId: form.errors.customerId, serviceIds: form.errors.serviceIds }}
            required={Boolean(base.customerId)}
          />
        )}
        <ImpactInput value={form.values.impact} onChange={(v) => form.setFieldValue('impact', v)} error={form.errors.impact} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Severity"
            description="Override only when the derived severity does not fit"
            data={severityOptions}
            allowDeselect={false}
            {...form.getInputProps('overrideSeverity')}
          />
          {form.values.overrideSeverity && (
            <TextInput label="Reason for the override" required {...form.getInputProps('overrideReason')} />
          )}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TlpSelect {...form.getInputProps('tlp')} />
          <PersonalDataInput
            value={form.values.personalData}
            onChange={(v) => form.setFieldValue('personalData', v)}
            error={form.errors.personalData}
          />
        </SimpleGrid>
        <Switch label="This is an exercise" color="grape" {...form.getInputProps('exercise', { type: 'checkbox' })} />
        <Divider label={`Times (${userTimeZone()})`} labelPosition="left" />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <LocalDateTimeInput label="Occurred" {...form.getInputProps('occurredAt')} />
          <LocalDateTimeInput label="Detected" {...form.getInputProps('detectedAt')} />
          <LocalDateTimeInput label="Became aware" {...form.getInputProps('awareAt')} />
        </SimpleGrid>
        {changedMeanwhile && (
          <Alert color="yellow" variant="light" icon={<IconRefreshAlert size={18} />} title="Changed while you were editing">
            <Text size="sm">
              Someone else changed this incident after you opened this form. Take in their changes (your own edits are kept), then
              save.
            </Text>
            <Button
              mt="xs"
              size="xs"
              variant="white"
              color="yellow"
              onClick={() => {
                form.setValues(rebaseValues(form.getValues(), base, incident));
                setBase(incident);
              }}
            >
              Take in their changes
            </Button>
          </Alert>
        )}
        {action.isError && !isApiError(action.error) && (
          <Alert color="red" role="alert">
            {errorMessage(action.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={action.isPending} disabled={changedMeanwhile}>
            Save details
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
