import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Contact, PaceLevel, PacePlan, PacePurpose } from '../../shared/prepare-types.ts';
import { api } from '../core/api.ts';

/** A scope of the registry: a customer's id, or "organisation" for our own objects (customerId null). */
export type Scope = string | 'organisation';
export const scopeOf = (customerId: string | null): Scope => customerId ?? 'organisation';

// Everything lives under ['registry', …]: a registry change reported by the live stream invalidates ['registry'].
export const paceKeys = {
  all: ['registry', 'pace-plans'] as const,
  list: (scope: Scope) => ['registry', 'pace-plans', 'list', scope] as const,
  contactsInScope: (customerId: string | null) => ['registry', 'contacts', 'in-scope', customerId ?? 'organisation'] as const,
};

export function usePacePlans(scope: Scope) {
  return useQuery({
    queryKey: paceKeys.list(scope),
    // Same key and shape (the items) as the registry list hooks of the customer pages, so the cache is shared.
    queryFn: ({ signal }) =>
      api<{ items: PacePlan[] }>('/pace-plans', { signal, query: { customerId: scope } }).then((r) => r.items),
  });
}

/**
 * The contacts an object of this scope can use: a customer's own contacts and ours (ours first are the
 * authorities and our team), or only ours for the organisation.
 */
export function useContactsInScope(customerId: string | null) {
  return useQuery({
    queryKey: paceKeys.contactsInScope(customerId),
    queryFn: async ({ signal }) => {
      const [own, ours] = await Promise.all([
        customerId ? api<{ items: Contact[] }>('/contacts', { signal, query: { customerId } }) : { items: [] },
        api<{ items: Contact[] }>('/contacts', { signal, query: { customerId: 'organisation' } }),
      ]);
      return [...own.items, ...ours.items];
    },
  });
}

export interface PaceLevelInput {
  level: PaceLevel['level'];
  contactId: string | null;
  channelId: string | null;
  instruction: string;
  moveOn: PaceLevel['moveOn'];
  note: string;
}

export function useSavePacePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      id?: string;
      customerId: string | null;
      purpose: PacePurpose;
      levels: PaceLevelInput[];
      expectedVersion?: number;
    }) =>
      input.id
        ? api<PacePlan>(`/pace-plans/${input.id}`, {
            method: 'PATCH',
            body: { levels: input.levels, expectedVersion: input.expectedVersion },
          })
        : api<PacePlan>('/pace-plans', {
            method: 'POST',
            body: { customerId: input.customerId, purpose: input.purpose, levels: input.levels },
          }),
    onSettled: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}

/** Archives a customer's own ladder: the customer goes back to the default ladder. */
export function useDeletePacePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/pace-plans/${id}`, { method: 'DELETE' }),
    onSettled: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}
