import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CustomerAllowed, SessionAllowed } from '../../shared/allowed.ts';
import type { Severity } from '../../shared/incident-vocabulary.ts';
import type { Customer, FirstReportSetting, Membership, MembershipRole } from '../../shared/prepare-types.ts';
import type { User } from '../auth/auth-api.ts';
import { api } from '../core/api.ts';
import {
  fetchRecords,
  registryKeys,
  type Stored,
  useArchiveRecord,
  useCreateRecord,
  useRecord,
  useRecordHistory,
  useRecordList,
  useUpdateRecord,
} from './registry-api.ts';

export type StoredCustomer = Customer & Stored & { allowed: CustomerAllowed };

/** The signed-in user, the customers they are a member of, and what they may do outside any one object (`GET /auth/me`). */
export interface Access {
  user: User;
  memberships: Record<string, MembershipRole>;
  allowed: SessionAllowed;
}

export interface CustomerFields {
  name: string;
  code: string;
  description: string;
  timeZone: string;
  firstReport: FirstReportSetting;
  /** Severities whose incidents need a completed (or waived) review to close. */
  reviewSeverities: Severity[];
}

/** Every customer the user may see, by name. */
const byName = (a: StoredCustomer, b: StoredCustomer) => a.name.localeCompare(b.name);

export function useCustomers(enabled = true) {
  return useRecordList<StoredCustomer>('customers', 'all', { sort: byName, enabled });
}

export const useCustomer = (id: string | undefined) => useRecord<StoredCustomer>('customers', id);
export const useCustomerHistory = (id: string) => useRecordHistory('customers', id);
export const useCreateCustomer = () => useCreateRecord<StoredCustomer, CustomerFields>('customers');
export const useUpdateCustomer = () => useUpdateRecord<StoredCustomer, Partial<CustomerFields>>('customers');
export const useArchiveCustomer = () => useArchiveRecord('customers');

/** The signed-in user with their customer memberships; refreshed when a membership changes. */
export function useAccess() {
  return useQuery({
    queryKey: registryKeys.access,
    queryFn: ({ signal }) => api<Access>('/auth/me', { signal }),
    staleTime: 60_000,
  });
}

/**
 * What the signed-in user may do in one scope, as the server answers it: the customer's `allowed`, or for null
 * (our organisation) the session's. Nothing is allowed until the answer is in; the server checks every request.
 */
export function useScopeAllowed(customerId: string | null): { edit: boolean; publish: boolean; loading: boolean } {
  const customer = useCustomer(customerId ?? undefined);
  const session = useAccess();
  if (customerId === null) {
    return { edit: session.data?.allowed.editOrganisation ?? false, publish: false, loading: session.isPending };
  }
  const allowed = customer.data?.allowed;
  return { edit: allowed?.edit ?? false, publish: allowed?.publish ?? false, loading: customer.isPending };
}

export function useMembers(customerId: string, enabled = true) {
  return useQuery({
    queryKey: registryKeys.members(customerId),
    queryFn: ({ signal }) => api<{ items: Membership[] }>(`/customers/${customerId}/members`, { signal }),
    select: (r) => [...r.items].sort((a, b) => a.userName.localeCompare(b.userName)),
    enabled,
  });
}

/** Accounts to choose members from (admins and customer managers only). */
export function useUsers(enabled = true) {
  return useQuery({
    queryKey: registryKeys.users,
    queryFn: ({ signal }) => api<{ items: User[] }>('/users', { signal }),
    select: (r) => [...r.items].sort((a, b) => a.name.localeCompare(b.name)),
    enabled,
  });
}

export function useMemberActions(customerId: string) {
  const client = useQueryClient();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: registryKeys.members(customerId) });
    void client.invalidateQueries({ queryKey: registryKeys.access });
    // Member changes are events on the customer: its version moves on.
    void client.invalidateQueries({ queryKey: registryKeys.detail('customers', customerId) });
    void client.invalidateQueries({ queryKey: registryKeys.history('customers', customerId) });
  };
  const setRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: MembershipRole }) =>
      api<Membership>(`/customers/${customerId}/members/${userId}`, { method: 'PUT', body: { role } }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api<void>(`/customers/${customerId}/members/${userId}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  return { setRole, remove };
}

export interface Readiness {
  services: number;
  contacts: number;
  roster: boolean;
  pacePlans: number;
  obligations: number;
  plans: number;
}

/** What is already set up for a customer, for the overview's checklist. */
export function useReadiness(customerId: string) {
  return useQuery({
    queryKey: registryKeys.readiness(customerId),
    queryFn: async ({ signal }): Promise<Readiness> => {
      const [services, contacts, rosters, pacePlans, obligations, plans] = await Promise.all([
        fetchRecords('services', customerId, signal),
        fetchRecords('contacts', customerId, signal),
        fetchRecords('rosters', customerId, signal),
        fetchRecords('pace-plans', customerId, signal),
        fetchRecords<{ enabled: boolean }>('obligations', customerId, signal),
        api<{ items: unknown[] }>(`/customers/${customerId}/plans`, { signal }).then((r) => r.items),
      ]);
      return {
        services: services.length,
        contacts: contacts.length,
        roster: rosters.length > 0,
        pacePlans: pacePlans.length,
        obligations: obligations.filter((o) => o.enabled).length,
        plans: plans.length,
      };
    },
  });
}
