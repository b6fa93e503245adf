import { Select, type SelectProps } from '@mantine/core';
import type { ChannelType } from '../../shared/prepare-types.ts';
import { CHANNEL_LABELS } from '../contacts/channel-labels.tsx';
import type { StoredContact } from '../contacts/contacts-api.ts';
import { errorMessage } from '../core/error-message.ts';
import { useRecordList } from '../customers/registry-api.ts';

/** The channel types Muster sends on by itself when it tells one person something (server: person-ladder.ts). */
const BY_ITSELF: readonly ChannelType[] = ['email', 'sms', 'slack', 'teams', 'mattermost', 'webhook'];

/** "E-mail a@b, then SMS +47…": how Muster reaches a person through this contact; null without a usable channel. */
export function reachedBy(contact: StoredContact | undefined): string | null {
  const usable = (contact?.channels ?? []).filter((c) => BY_ITSELF.includes(c.type)).slice(0, 4);
  return usable.length ? usable.map((c) => `${CHANNEL_LABELS[c.type]} ${c.address}`).join(', then ') : null;
}

const byName = (a: StoredContact, b: StoredContact) => a.name.localeCompare(b.name);
const people = (items: StoredContact[]) => items.filter((c) => c.kind === 'person' && !c.archivedAt).sort(byName);

type ContactLinkSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (contactId: string | null) => void;
};

/**
 * Which contact's channels reach a user when they are given a role or a task is due: one of the person contacts the
 * signed-in user can read (a function is nobody in particular). The chosen one's usable channels show underneath.
 */
export function ContactLinkSelect({ value, onChange, description, ...props }: ContactLinkSelectProps) {
  // Every contact the user can read: ours and those of each customer they see.
  const contacts = useRecordList<StoredContact>('contacts', 'all');
  const list = contacts.data ? people(contacts.data) : [];
  const chosen = list.find((c) => c.id === value);
  const data = list.map((c) => ({ value: c.id, label: [c.name, c.organisation || c.role].filter(Boolean).join(' — ') }));
  // A linked contact the signed-in user cannot read (another customer's) still shows as linked.
  if (value && !chosen && contacts.isSuccess) data.unshift({ value, label: 'A contact you cannot see' });
  const reach = reachedBy(chosen);
  return (
    <Select
      searchable
      clearable
      // Mantine hides its clear button from the keyboard and screen readers; unlinking must be reachable by both.
      clearButtonProps={{ 'aria-label': 'No contact: use the account’s e-mail', 'aria-hidden': false, tabIndex: 0 }}
      data={data}
      value={value}
      onChange={onChange}
      placeholder={contacts.isPending ? 'Loading contacts…' : 'None: the account’s e-mail'}
      nothingFoundMessage="No person by that name among the contacts you can read"
      error={contacts.isError ? errorMessage(contacts.error) : undefined}
      description={
        value && chosen
          ? (reach ?? 'This contact has no channel Muster can use by itself, so the account’s e-mail is used')
          : description
      }
      {...props}
    />
  );
}
