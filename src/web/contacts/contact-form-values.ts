import { fromLocalInput, toLocalInput } from '../core/time.ts';
import type { ChannelFields, ContactFields, StoredContact } from './contacts-api.ts';

/** A channel in the editor: the test time as a datetime-local value in the user's zone, and a row key. */
export interface ChannelRow extends Omit<ChannelFields, 'lastTestedAt'> {
  rowKey: string;
  lastTestedAt: string;
}

// A type, not an interface: form values are a plain record of fields (useRecordForm asks for one).
export type ContactFormValues = Omit<ContactFields, 'channels'> & {
  channels: ChannelRow[];
};

let nextKey = 0;
const rowKey = () => `channel-${++nextKey}`;

export const newChannelRow = (): ChannelRow => ({
  rowKey: rowKey(),
  type: 'email',
  address: '',
  label: '',
  verified: false,
  lastTestedAt: '',
});

export function emptyContact(timeZone: string): ContactFormValues {
  return {
    kind: 'person',
    name: '',
    organisation: '',
    role: '',
    timeZone,
    workingHours: '',
    notes: '',
    channels: [newChannelRow()],
  };
}

export function contactFormValues(contact: StoredContact): ContactFormValues {
  return {
    kind: contact.kind,
    name: contact.name,
    organisation: contact.organisation,
    role: contact.role,
    timeZone: contact.timeZone,
    workingHours: contact.workingHours,
    notes: contact.notes,
    channels: contact.channels.map((c) => ({ ...c, rowKey: c.id || rowKey(), lastTestedAt: toLocalInput(c.lastTestedAt) })),
  };
}

export function contactFields(values: ContactFormValues): ContactFields {
  return {
    ...values,
    name: values.name.trim(),
    organisation: values.organisation.trim(),
    role: values.role.trim(),
    workingHours: values.workingHours.trim(),
    channels: values.channels.map(({ rowKey: _key, ...c }) => ({
      ...c,
      address: c.address.trim(),
      label: c.label.trim(),
      lastTestedAt: fromLocalInput(c.lastTestedAt),
    })),
  };
}

export const contactValidation = {
  name: (v: string) => (v.trim() ? null : 'Give the name of the person or function'),
  timeZone: (v: string) => (v ? null : 'Choose where this contact is'),
  channels: {
    address: (v: string) => (v.trim() ? null : 'Fill in how to reach them on this channel'),
    lastTestedAt: (v: string) => {
      const iso = fromLocalInput(v);
      return iso && Date.parse(iso) > Date.now() + 5 * 60_000 ? 'A test cannot be in the future' : null;
    },
  },
};
