import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Severity } from '../../shared/incident-vocabulary.ts';
import type { CustomerObligation, ObligationDefinition } from '../../shared/prepare-types.ts';
import { api } from '../core/api.ts';

/** A rule of the customer's own as sent: the server fills in the id. */
export type NewDefinition = Omit<ObligationDefinition, 'id'> & { id?: string };

export const obligationKeys = {
  library: ['registry', 'obligations', 'library'] as const,
  list: (customerId: string) => ['registry', 'obligations', 'list', customerId] as const,
};

export function useObligationLibrary() {
  return useQuery({
    queryKey: obligationKeys.library,
    queryFn: ({ signal }) => api<{ items: ObligationDefinition[] }>('/obligations/library', { signal }),
    select: (data) => data.items,
    staleTime: Number.POSITIVE_INFINITY, // built into the server: changes only with a new release
  });
}

/** The customer's obligations, switched on or off (archived ones are left out). */
export function useCustomerObligations(customerId: string) {
  return useQuery({
    queryKey: obligationKeys.list(customerId),
    // Same key and shape (the items) as the registry list hooks of the customer pages, so the cache is shared.
    queryFn: ({ signal }) =>
      api<{ items: CustomerObligation[] }>('/obligations', { signal, query: { customerId } }).then((r) => r.items),
  });
}

function useRegistryMutation<TInput, TOutput>(fn: (input: TInput) => Promise<TOutput>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Obligations feed the plan draft and incident clocks as well: refresh everything in the registry.
    onSettled: () => client.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useCreateObligation() {
  return useRegistryMutation(
    (body: { customerId: string; libraryId?: string; definition?: NewDefinition; recipientContactId?: string | null }) =>
      api<CustomerObligation>('/obligations', { method: 'POST', body }),
  );
}

export function useUpdateObligation() {
  return useRegistryMutation(
    ({
      id,
      ...body
    }: {
      id: string;
      enabled?: boolean;
      recipientContactId?: string | null;
      definition?: NewDefinition;
      expectedVersion?: number;
    }) => api<CustomerObligation>(`/obligations/${id}`, { method: 'PATCH', body }),
  );
}

export function useArchiveObligation() {
  return useRegistryMutation((id: string) => api<void>(`/obligations/${id}`, { method: 'DELETE' }));
}

export function useContractTemplate() {
  return useRegistryMutation(
    (body: {
      customerId: string;
      hours: number;
      severityAtLeast: Severity;
      recipientContactId: string | null;
      /** The window of "immediately on a suspected attack". */
      immediatelyMinutes: number;
    }) => api<{ items: CustomerObligation[] }>('/obligations/contract-template', { method: 'POST', body }),
  );
}
