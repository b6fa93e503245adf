import { Divider, Modal, SegmentedControl, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { FormActions } from '../core/FormActions.tsx';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
import { ChangedMeanwhileAlert } from '../customers/ChangedMeanwhileAlert.tsx';
import { TimeZoneSelect } from '../customers/TimeZoneSelect.tsx';
import { useRecordForm } from '../customers/use-record-form.ts';
import { ChannelsEditor } from './ChannelsEditor.tsx';
import { contactFields, contactFormValues, contactValidation, emptyContact } from './contact-form-values.ts';
import type { StoredContact } from './contacts-api.ts';

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
  const { form, editing, changedMeanwhile, loadTheirs, submit, pending } = useRecordForm({
    kind: 'contacts',
    record: contact,
    customerId,
    empty: emptyContact(defaultTimeZone),
    valuesOf: contactFormValues,
    fieldsOf: contactFields,
    validate: contactValidation,
    onDone: onClose,
  });
  const isFunction = form.values.kind === 'function';

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
        {changedMeanwhile && <ChangedMeanwhileAlert what="contact" onLoad={loadTheirs} />}
        <NotSavedAlert error={form.errors._api} />
        <FormActions
          fromAnywhere
          onCancel={onClose}
          pending={pending}
          disabled={changedMeanwhile}
          submitLabel={editing ? 'Save contact' : 'Add contact'}
        />
      </Stack>
    </form>
  );
}
