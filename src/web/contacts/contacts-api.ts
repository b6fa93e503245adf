import { useQuery } from '@tanstack/react-query';
import type { Channel, Contact, Roster, RosterEntry } from '../../shared/prepare-types.ts';
import {
  fetchRecords,
  type Owner,
  registryKeys,
  type Stored,
  scopeOf,
  useCreateRecord,
  useRecordList,
  useUpdateRecord,
} from '../customers/registry-api.ts';

export type StoredContact = Contact & Stored;
export type StoredRoster = Roster & Stored;

/** A channel as the form sends it: new ones have no id yet. */
export type ChannelFields = Omit<Channel, 'id'> & { id?: string };

export interface ContactFields {
  kind: Contact['kind'];
  name: string;
  organisation: string;
  role: string;
  timeZone: string;
  workingHours: string;
  notes: string;
  channels: ChannelFields[];
}

const byName = (a: StoredContact, b: StoredContact) => a.name.localeCompare(b.name);

/** The contacts of a customer (its own only), or of our organisation for null. */
export function useContacts(owner: Owner, enabled = true) {
  return useRecordList<StoredContact>('contacts', scopeOf(owner), { sort: byName, enabled });
}

/** The owner's roster (at most one), or undefined while loading. null: none yet. */
export function useRoster(owner: Owner) {
  return useQuery({
    queryKey: registryKeys.list('rosters', scopeOf(owner)),
    queryFn: ({ signal }) => fetchRecords<StoredRoster>('rosters', scopeOf(owner), signal),
    select: (items): StoredRoster | null => items[0] ?? null,
  });
}

export const useCreateRoster = () =>
  useCreateRecord<StoredRoster, { customerId: string | null; entries: RosterEntry[] }>('rosters');
export const useUpdateRoster = () => useUpdateRecord<StoredRoster, { entries: RosterEntry[] }>('rosters');
