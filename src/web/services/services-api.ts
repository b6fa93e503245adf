import type { Connection, Service } from '../../shared/prepare-types.ts';
import { type Stored, useRecordList } from '../customers/registry-api.ts';

export type StoredService = Service & Stored;

/** A connection as the form sends it: a new one has no id yet (the server gives it one). */
export type ConnectionFields = Omit<Connection, 'id'> & { id?: string };

export interface ServiceFields {
  name: string;
  description: string;
  criticality: Service['criticality'];
  personalData: boolean;
  environment: Service['environment'];
  owner: string;
  connections: ConnectionFields[];
}

const RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;
const byCriticality = (a: StoredService, b: StoredService) =>
  RANK[a.criticality] - RANK[b.criticality] || a.name.localeCompare(b.name);

/** A customer's services, most critical first, then by name. */
export function useServices(customerId: string | null | undefined) {
  return useRecordList<StoredService>('services', customerId ?? '', { enabled: Boolean(customerId), sort: byCriticality });
}
