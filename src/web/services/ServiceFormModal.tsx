import { Modal, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { FormActions } from '../core/FormActions.tsx';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
import { ChangedMeanwhileAlert } from '../customers/ChangedMeanwhileAlert.tsx';
import { useRecordForm } from '../customers/use-record-form.ts';
import { ConnectionsEditor } from './ConnectionsEditor.tsx';
import { ServiceDetails } from './ServiceDetails.tsx';
import { EMPTY_SERVICE, serviceFields, serviceFormValues, serviceValidation } from './service-form-values.ts';
import { CRITICALITY_OPTIONS, ENVIRONMENT_OPTIONS } from './service-labels.ts';
import type { StoredService } from './services-api.ts';

interface ServiceFormModalProps {
  customerId: string;
  /** The service to edit; null to add one. */
  service: StoredService | null;
  opened: boolean;
  onClose: () => void;
  readOnly: boolean;
}

export function ServiceFormModal({ customerId, service, opened, onClose, readOnly }: ServiceFormModalProps) {
  const title = readOnly ? (service?.name ?? 'Service') : service ? `Edit ${service.name}` : 'New service';
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={1100} closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}>
      {opened &&
        (readOnly && service ? (
          <ServiceDetails service={service} onClose={onClose} />
        ) : (
          <ServiceForm customerId={customerId} service={service} onClose={onClose} />
        ))}
    </Modal>
  );
}

function ServiceForm({ customerId, service, onClose }: Omit<ServiceFormModalProps, 'opened' | 'readOnly'>) {
  const { form, editing, changedMeanwhile, loadTheirs, submit, pending } = useRecordForm({
    kind: 'services',
    record: service,
    customerId,
    empty: EMPTY_SERVICE,
    valuesOf: serviceFormValues,
    fieldsOf: serviceFields,
    validate: serviceValidation,
    onDone: onClose,
  });

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" placeholder="e.g. Customer portal" required data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label="Owner"
            description="Who answers for it: a name or a function"
            placeholder="e.g. Team Atlas / Kari Nordmann"
            {...form.getInputProps('owner')}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          description="What it does and where it runs"
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('description')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} verticalSpacing="md">
          <Select
            label="Criticality"
            description="How bad an outage or breach would be"
            data={CRITICALITY_OPTIONS}
            allowDeselect={false}
            {...form.getInputProps('criticality')}
          />
          <Select label="Environment" data={ENVIRONMENT_OPTIONS} allowDeselect={false} {...form.getInputProps('environment')} />
          <Switch
            mt={{ base: 0, sm: 30 }}
            label="Holds personal data"
            description="A breach may have to be reported under GDPR"
            color="grape"
            {...form.getInputProps('personalData', { type: 'checkbox' })}
          />
        </SimpleGrid>
        <ConnectionsEditor form={form} />
        {changedMeanwhile && <ChangedMeanwhileAlert what="service" onLoad={loadTheirs} />}
        <NotSavedAlert error={form.errors._api} />
      </Stack>
      <FormActions
        mt="lg"
        fromAnywhere
        onCancel={onClose}
        pending={pending}
        disabled={changedMeanwhile}
        submitLabel={editing ? 'Save service' : 'Add service'}
      />
    </form>
  );
}
