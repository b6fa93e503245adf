import { Alert, Button, Group, Kbd, Modal, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../core/error-message.ts';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { ChangedMeanwhileAlert } from '../customers/ChangedMeanwhileAlert.tsx';
import { placeApiError } from '../customers/form-errors.ts';
import { ConnectionsEditor } from './ConnectionsEditor.tsx';
import { ServiceDetails } from './ServiceDetails.tsx';
import {
  EMPTY_SERVICE,
  type ServiceFormValues,
  serviceChanges,
  serviceFields,
  serviceFormValues,
  serviceValidation,
} from './service-form-values.ts';
import { CRITICALITY_OPTIONS, ENVIRONMENT_OPTIONS } from './service-labels.ts';
import { type StoredService, useCreateService, useUpdateService } from './services-api.ts';

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
  const create = useCreateService();
  const update = useUpdateService();
  const pending = create.isPending || update.isPending;
  // The service as it was when editing started; `service` follows live changes by others.
  const [base, setBase] = useState(service);
  const changedMeanwhile = Boolean(service && base && service.version !== base.version);
  const form = useForm<ServiceFormValues>({
    initialValues: base ? serviceFormValues(base) : EMPTY_SERVICE,
    validate: serviceValidation,
  });

  const submit = form.onSubmit(async (values) => {
    const fields = serviceFields(values);
    try {
      if (base) {
        const changes = serviceChanges(serviceFields(serviceFormValues(base)), fields);
        if (Object.keys(changes).length > 0) {
          await update.mutateAsync({ id: base.id, changes, expectedVersion: base.version });
          notifySuccess(`${fields.name} saved`);
        }
      } else {
        await create.mutateAsync({ ...fields, customerId });
        notifySuccess(`${fields.name} added`);
      }
      onClose();
    } catch (error) {
      if (!placeApiError(form, error)) form.setFieldError('_api', errorMessage(error));
    }
  }, focusFirstInvalid);

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
        {changedMeanwhile && service && (
          <ChangedMeanwhileAlert
            what="service"
            onLoad={() => {
              setBase(service);
              form.setValues(serviceFormValues(service));
              form.resetDirty(serviceFormValues(service));
              form.clearErrors();
            }}
          />
        )}
        {form.errors._api && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="Not saved">
            {form.errors._api}
          </Alert>
        )}
      </Stack>
      <Group justify="space-between" mt="lg">
        <Text size="xs" c="dimmed" visibleFrom="sm">
          <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> saves from anywhere in the form
        </Text>
        <Group>
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={changedMeanwhile}>
            {base ? 'Save service' : 'Add service'}
          </Button>
        </Group>
      </Group>
    </form>
  );
}
