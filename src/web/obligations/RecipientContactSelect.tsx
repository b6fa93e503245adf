import { Select, type SelectProps } from '@mantine/core';
import type { Contact } from '../../shared/prepare-types.ts';

interface RecipientContactSelectProps extends Omit<SelectProps, 'data'> {
  contacts: readonly Contact[];
  /** Group the customer's contacts apart from ours. */
  customerScoped?: boolean;
}

/** A contact chooser: the customer's contacts, then our organisation's (authorities live there). */
export function RecipientContactSelect({ contacts, customerScoped = true, ...props }: RecipientContactSelectProps) {
  const option = (c: Contact) => ({ value: c.id, label: c.role ? `${c.name} (${c.role})` : c.name });
  const data = customerScoped
    ? [
        { group: 'This customer', items: contacts.filter((c) => c.customerId !== null).map(option) },
        { group: 'Our organisation', items: contacts.filter((c) => c.customerId === null).map(option) },
      ].filter((g) => g.items.length > 0)
    : contacts.map(option);
  return (
    <Select
      placeholder={contacts.length ? 'Not chosen yet' : 'No contacts yet: add them on the Contacts tab'}
      data={data}
      searchable
      clearable
      allowDeselect={false}
      nothingFoundMessage="No contact matches"
      {...props}
    />
  );
}
