import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TriageItem, TriageItemDetail, TriageStatus } from '../../shared/triage-types.ts';
import { alertKeys } from '../alerts/alerts-api.ts';
import { api } from '../core/api.ts';
import { incidentKeys } from '../incidents/incidents-api.ts';

// Every triage query key starts with 'triage': a live `triage` message refetches them all.
export const triageKeys = {
  all: ['triage'] as const,
  list: (status: TriageStatus) => ['triage', 'list', status] as const,
  detail: (id: string) => ['triage', 'detail', id] as const,
  incident: (incidentId: string) => ['triage', 'incident', incidentId] as const,
};

/** Alert counts change without a live message during a storm: the open queue polls while the page is visible. */
const QUEUE_POLL_MS = 5_000;

/** The triage queue for one status, newest activity first. */
export function useTriageQueue(status: TriageStatus, poll = true) {
  return useQuery({
    queryKey: triageKeys.list(status),
    queryFn: ({ signal }) => api<{ items: TriageItem[] }>('/triage', { signal, query: { status } }).then((r) => r.items),
    refetchInterval: poll ? QUEUE_POLL_MS : false,
    placeholderData: (previous) => previous,
  });
}

/** How many items wait in the queue, for the main navigation; undefined while unknown or not allowed. */
export function useWaitingCount(enabled: boolean): number | undefined {
  const query = useQuery({
    queryKey: triageKeys.list('triage'),
    queryFn: ({ signal }) =>
      api<{ items: TriageItem[] }>('/triage', { signal, query: { status: 'triage' } }).then((r) => r.items),
    enabled,
    refetchInterval: 30_000,
    retry: false,
  });
  return query.data?.length;
}

/** One item with its alerts, the report's messages and its evidence. */
export function useTriageItem(id: string | null) {
  return useQuery({
    queryKey: triageKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api<TriageItemDetail>(`/triage/${encodeURIComponent(id as string)}`, { signal }),
    enabled: Boolean(id),
    refetchInterval: QUEUE_POLL_MS,
  });
}

/** The alert groups and reports that became or joined this incident. */
export function useIncidentTriage(incidentId: string) {
  return useQuery({
    queryKey: triageKeys.incident(incidentId),
    queryFn: ({ signal }) =>
      api<{ items: TriageItem[] }>('/triage', { signal, query: { incident: incidentId } }).then((r) => r.items),
    // Alerts resolve without a live message: look again now and then.
    refetchInterval: 10_000,
  });
}

export interface OpenIncidentBody {
  title?: string;
  customerId?: string;
}

export interface OpenedIncident {
  item: TriageItem;
  incident: { id: string; key: string };
}

function afterDecision(client: QueryClient, item: TriageItem): void {
  client.setQueryData<TriageItemDetail>(triageKeys.detail(item.id), (cached) => (cached ? { ...cached, item } : cached));
  void client.invalidateQueries({ queryKey: triageKeys.all });
  void client.invalidateQueries({ queryKey: incidentKeys.lists() });
}

/** Open an incident from an item, attach it to an incident, or dismiss it. */
export function useTriageActions(itemId: string) {
  const client = useQueryClient();
  const base = `/triage/${encodeURIComponent(itemId)}`;
  const open = useMutation({
    mutationFn: (body: OpenIncidentBody) => api<OpenedIncident>(`${base}/open`, { method: 'POST', body }),
    onSuccess: ({ item }) => afterDecision(client, item),
  });
  const attach = useMutation({
    mutationFn: (incident: string) => api<{ item: TriageItem }>(`${base}/attach`, { method: 'POST', body: { incident } }),
    onSuccess: ({ item }) => {
      afterDecision(client, item);
      if (item.incidentId) void client.invalidateQueries({ queryKey: incidentKeys.timeline(item.incidentId) });
    },
  });
  const dismiss = useMutation({
    mutationFn: (body: { reason: string; silenceMinutes?: number }) =>
      api<{ item: TriageItem }>(`${base}/dismiss`, { method: 'POST', body }),
    onSuccess: ({ item }, body) => {
      afterDecision(client, item);
      if (body.silenceMinutes) void client.invalidateQueries({ queryKey: alertKeys.silences });
    },
  });
  return { open, attach, dismiss };
}

export type TriageActions = ReturnType<typeof useTriageActions>;
