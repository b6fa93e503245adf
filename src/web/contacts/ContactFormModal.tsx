import {
  Alert,
  Button,
  Divider,
  Group,
  Kbd,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../core/error-message.ts';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { ChangedMeanwhileAlert } from '../customers/ChangedMeanwhileAlert.tsx';
import { placeApiError } from '../customers/form-errors.ts';
import { TimeZoneSelect } from '../customers/TimeZoneSelect.tsx';
import { ChannelsEditor } from './ChannelsEditor.tsx';
import {
  type ContactFormValues,
  contactChanges,
  contactFields,
  contactFormValues,
  contactValidation,
  emptyContact,
} from './contact-form-values.ts';
import { type StoredContact, useCreateContact, useUpdateContact } from './contacts-api.ts';

interface ContactFormModalProps {
  /** Whose contact: a customer id, or null for our organisation. */
  customerId: string | null;
  contact: StoredContact | null;
  /** Zone preselected for a new contact (the customer's). */
  defaultTimeZone: string;
  opened: boolean;
  onClose: () => void;
}

export function ContactFormModal({ opened, onClose, contact, ...rest }: ContactFormModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={contact ? `Edit ${contact.name}` : 'New contact'}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {opened && <ContactForm contact={contact} onClose={onClose} {...rest} />}
    </Modal>
  );
}

function ContactForm({ customerId, contact, defaultTimeZone, onClose }: Omit<ContactFormModalProps, 'opened'>) {
  const create = useCreateContact();
  const update = useUpdateContact();
  // The contact as it was when editing started; `contact` follows live changes by others.
  const [base, setBase] = useState(contact);
  const changedMeanwhile = Boolean(contact && base && contact.version !== base.version);
  const form = useForm<ContactFormValues>({
    initialValues: base ? contactFormValues(base) : emptyContact(defaultTimeZone),
    validate: contactValidation,
  });
  const isFunction = form.values.kind === 'function';

  const submit = form.onSubmit(async (values) => {
    const fields = contactFields(values);
    try {
      if (base) {
        const changes = contactChanges(contactFields(contactFormValues(base)), fields);
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
        <SegmentedControl
          aria-label="Kind of contact"
          data={[
            { value: 'person', label: 'A person' },
            { value: 'function', label: 'A function (shared mailbox, duty phone, authority)' },
          ]}
          {...form.getInputProps('kind')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Name"
            required
            placeholder={isFunction ? 'e.g. ACME service desk' : 'e.g. Kari Nordmann'}
            data-autofocus
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Role"
            description="What they are to us in an incident"
            placeholder="e.g. Customer contact point, DPO, Supervisory authority"
            {...form.getInputProps('role')}
          />
          <TextInput label="Organisation" placeholder="e.g. ACME Logistics AS" {...form.getInputProps('organisation')} />
          <TextInput
            label="Working hours"
            description="Leave empty when reachable around the clock"
            placeholder="e.g. Mon–Fri 08:00–16:00"
            {...form.getInputProps('workingHours')}
          />
        </SimpleGrid>
        <TimeZoneSelect description="Where they are: working hours are in this zone" {...form.getInputProps('timeZone')} />
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          maxRows={6}
          placeholder="Anything a responder must know before calling: language, escalation, who to call instead"
          {...form.getInputProps('notes')}
        />
        <Divider />
        <ChannelsEditor form={form} />
        {changedMeanwhile && contact && (
          <ChangedMeanwhileAlert
            what="contact"
            onLoad={() => {
              setBase(contact);
              form.setValues(contactFormValues(contact));
              form.resetDirty(contactFormValues(contact));
              form.clearErrors();
            }}
          />
        )}
        {form.errors._api && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="Not saved">
            {form.errors._api}
          </Alert>
        )}
        <Group justify="space-between">
          <Text size="xs" c="dimmed" visibleFrom="sm">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> saves from anywhere in the form
          </Text>
          <Group>
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} disabled={changedMeanwhile}>
              {base ? 'Save contact' : 'Add contact'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
