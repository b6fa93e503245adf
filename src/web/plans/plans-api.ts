import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Customer, IncidentPlan, PlanSnapshot, PlanVersion, PlanVersionSummary } from '../../shared/prepare-types.ts';
import { api } from '../core/api.ts';

export interface SectionDiff {
  section: keyof PlanSnapshot;
  added: string[];
  removed: string[];
  changed: { name: string; fields: string[] }[];
}

export interface PlanComparison {
  older: number;
  newer: number;
  sections: SectionDiff[];
}

// Plans change when the registry does (a published plan arrives as a registry event): keep them under ['registry'].
export const planKeys = {
  all: ['registry', 'plans'] as const,
  draft: (customerId: string) => ['registry', 'plans', 'draft', customerId] as const,
  versions: (customerId: string) => ['registry', 'plans', 'versions', customerId] as const,
  current: ['registry', 'plans', 'current'] as const,
  version: (id: string) => ['registry', 'plans', 'version', id] as const,
  compare: (id: string, otherId: string) => ['registry', 'plans', 'compare', id, otherId] as const,
  /** Keyed on the incident's version: any change to the incident (a live timeline event) fetches it anew. */
  incident: (incidentId: string, version: number) => ['registry', 'incident-plan', incidentId, version] as const,
  customer: (id: string) => ['registry', 'customers', 'detail', id] as const,
  customers: ['registry', 'customers', 'list', 'all'] as const,
};

/** What publishing now would change since the latest version (`since` null: no version yet). */
export interface DraftChanges {
  since: number | null;
  sections: SectionDiff[];
}

export function usePlanDraftChanges(customerId: string) {
  return useQuery({
    queryKey: [...planKeys.draft(customerId), 'changes'],
    queryFn: ({ signal }) => api<DraftChanges>(`/customers/${encodeURIComponent(customerId)}/plan-draft/changes`, { signal }),
  });
}

export function usePlanDraft(customerId: string) {
  return useQuery({
    queryKey: planKeys.draft(customerId),
    queryFn: ({ signal }) => api<PlanSnapshot>(`/customers/${encodeURIComponent(customerId)}/plan-draft`, { signal }),
  });
}

export function usePlanVersions(customerId: string, enabled = true) {
  return useQuery({
    queryKey: planKeys.versions(customerId),
    queryFn: ({ signal }) =>
      api<{ items: PlanVersionSummary[] }>(`/customers/${encodeURIComponent(customerId)}/plans`, { signal }).then((r) => r.items),
    enabled,
  });
}

export function useCurrentPlans() {
  return useQuery({
    queryKey: planKeys.current,
    queryFn: ({ signal }) => api<{ items: PlanVersionSummary[] }>('/plans/current', { signal }).then((r) => r.items),
  });
}

export function usePlanVersion(id: string) {
  return useQuery({
    queryKey: planKeys.version(id),
    queryFn: ({ signal }) => api<PlanVersion>(`/plans/${encodeURIComponent(id)}`, { signal }),
    staleTime: 5 * 60_000, // a published version never changes (only whether its review is overdue)
  });
}

export function usePlanComparison(id: string, otherId: string) {
  return useQuery({
    queryKey: planKeys.compare(id, otherId),
    queryFn: ({ signal }) =>
      api<PlanComparison>(`/plans/${encodeURIComponent(id)}/compare/${encodeURIComponent(otherId)}`, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function usePublishPlan(customerId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { approver: string; owner?: string; reviewBy?: string }) =>
      api<PlanVersionSummary>(`/customers/${encodeURIComponent(customerId)}/plans`, { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: planKeys.all }),
  });
}

/** The plan an incident works from, evaluated against the incident as it is now. */
export function useIncidentPlan(incidentId: string, version: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: planKeys.incident(incidentId, version),
    queryFn: ({ signal }) =>
      api<{ incidentPlan: IncidentPlan | null }>(`/incidents/${encodeURIComponent(incidentId)}/plan`, { signal }),
    select: (r) => r.incidentPlan,
    placeholderData: (previous) => previous, // keep showing the clocks while the next version loads
    refetchInterval: 60_000, // statuses (running → overdue) are evaluated by the server
  });
}

/** One customer (same key and shape as the customer pages' query). */
export function useCustomerRecord(id: string | null | undefined) {
  return useQuery({
    queryKey: planKeys.customer(id ?? ''),
    queryFn: ({ signal }) => api<Customer>(`/customers/${encodeURIComponent(id as string)}`, { signal }),
    enabled: Boolean(id),
  });
}

/** Every customer the user may see (same key and shape as the customer pages' list). */
export function useCustomerList() {
  return useQuery({
    queryKey: planKeys.customers,
    queryFn: ({ signal }) => api<{ items: Customer[] }>('/customers', { signal }).then((r) => r.items),
  });
}
