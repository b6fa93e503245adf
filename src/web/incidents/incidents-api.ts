import {
  keepPreviousData,
  type QueryClient,
  replaceEqualDeep,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { Incident, IncidentChanges, IncidentPage, Integrity, NewIncident, TimelineEvent } from '../../shared/api-types.ts';
import type { IncidentSort, SortOrder } from '../../shared/incident-list.ts';
import type { IncidentStatus, Milestone, Severity } from '../../shared/incident-vocabulary.ts';
import { api } from '../core/api.ts';

export interface IncidentFilters {
  status: IncidentStatus[];
  severity: Severity[];
  exercise: 'all' | 'real' | 'exercise';
  q: string;
  /** Only this customer's incidents; null: every customer's. */
  customerId: string | null;
  /** Only incidents where I hold a role or have an open task. */
  mine: boolean;
  sort: IncidentSort;
  order: SortOrder;
  /** Where the page starts (a cursor the API handed out); null: the first page. */
  cursor: string | null;
}

export const incidentKeys = {
  all: ['incidents'] as const,
  lists: () => ['incidents', 'list'] as const,
  list: (filters: IncidentFilters) => ['incidents', 'list', filters] as const,
  detail: (idOrKey: string) => ['incidents', 'detail', idOrKey] as const,
  timeline: (id: string) => ['incidents', 'timeline', id] as const,
  integrity: (id: string) => ['incidents', 'integrity', id] as const,
  /** The incident's notifications (and its compromised channels): refreshed by every live timeline message. */
  notifications: (id: string) => ['incidents', 'notifications', id] as const,
};

/** The deadline dashboard's queries (`['deadlines', scope]`), refreshed by live timeline messages. */
export const DEADLINES_KEY = ['deadlines'] as const;

/** Every task query (see tasks/tasks-api.ts), refreshed by live task events. */
export const TASKS_KEY = ['tasks'] as const;

const PAGE_SIZE = 50;
const TIMELINE_PAGE = 200;

/** One page of the list as the filters, order and cursor say; the page shown stays while the next one loads. */
export function useIncidentList(filters: IncidentFilters) {
  return useQuery({
    queryKey: incidentKeys.list(filters),
    queryFn: ({ signal }) =>
      api<IncidentPage>('/incidents', {
        signal,
        query: {
          status: filters.status,
          severity: filters.severity,
          q: filters.q.trim(),
          exercise: filters.exercise === 'all' ? undefined : filters.exercise === 'exercise',
          customerId: filters.customerId,
          mine: filters.mine || undefined,
          sort: filters.sort,
          order: filters.order,
          limit: PAGE_SIZE,
          cursor: filters.cursor,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useIncident(idOrKey: string) {
  return useQuery({
    queryKey: incidentKeys.detail(idOrKey),
    queryFn: ({ signal }) => api<Incident>(`/incidents/${encodeURIComponent(idOrKey)}`, { signal }),
  });
}

async function fetchTimeline(id: string, signal: AbortSignal): Promise<TimelineEvent[]> {
  const events: TimelineEvent[] = [];
  for (;;) {
    const after = events.at(-1)?.seq;
    const page = await api<{ events: TimelineEvent[] }>(`/incidents/${id}/timeline`, {
      signal,
      query: { after, limit: TIMELINE_PAGE },
    });
    events.push(...page.events);
    if (page.events.length < TIMELINE_PAGE) return events;
  }
}

/**
 * A refetch that started before a live event was appended answers without it: keep the newer events (the timeline
 * only grows, and appended events are contiguous), so the page never loses one until the next message.
 */
export function mergeTimeline(previous: unknown, next: unknown): unknown {
  const fresh = next as TimelineEvent[];
  const cached = previous as TimelineEvent[] | undefined;
  const last = fresh.at(-1)?.seq ?? 0;
  const newer = cached?.filter((e) => e.seq > last) ?? [];
  if (newer.length === 0) return cached ? replaceEqualDeep(cached, fresh) : fresh;
  return [...fresh, ...newer];
}

export function useTimeline(id: string | undefined) {
  return useQuery({
    queryKey: incidentKeys.timeline(id ?? ''),
    queryFn: ({ signal }) => fetchTimeline(id as string, signal),
    enabled: Boolean(id),
    structuralSharing: mergeTimeline,
  });
}

export function useIntegrity(id: string | undefined) {
  return useQuery({
    queryKey: incidentKeys.integrity(id ?? ''),
    queryFn: ({ signal }) => api<Integrity>(`/incidents/${id}/integrity`, { signal }),
    enabled: Boolean(id),
  });
}

/** Puts a fresh incident in the cache under both its key and its id. */
export function storeIncident(client: QueryClient, incident: Incident): void {
  client.setQueryData(incidentKeys.detail(incident.key), incident);
  client.setQueryData(incidentKeys.detail(incident.id), incident);
}

/** After a change: the timeline and its integrity have new events; lists may order or filter differently. */
export function refreshAround(client: QueryClient, incidentId: string): void {
  void client.invalidateQueries({ queryKey: incidentKeys.timeline(incidentId) });
  void client.invalidateQueries({ queryKey: incidentKeys.integrity(incidentId) });
  void client.invalidateQueries({ queryKey: incidentKeys.lists() });
}

export function useReportIncident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewIncident) => api<Incident>('/incidents', { method: 'POST', body }),
    onSuccess: (incident) => {
      storeIncident(client, incident);
      void client.invalidateQueries({ queryKey: incidentKeys.lists() });
    },
  });
}

/** Mutations on one incident; each answers with the new incident (or an event) and refreshes the rest. */
export function useIncidentActions(incident: Incident) {
  const client = useQueryClient();
  const onIncident = (next: Incident) => {
    storeIncident(client, next);
    refreshAround(client, next.id);
  };
  const onConflict = () => {
    // The incident moved on underneath us: show the current state.
    void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.key) });
    void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.id) });
  };
  const base = `/incidents/${incident.id}`;

  const update = useMutation({
    mutationFn: (changes: IncidentChanges) => api<Incident>(base, { method: 'PATCH', body: changes }),
    onSuccess: onIncident,
    onError: onConflict,
  });
  const transition = useMutation({
    mutationFn: (body: { to: IncidentStatus; reason?: string; expectedVersion?: number }) =>
      api<Incident>(`${base}/transitions`, { method: 'POST', body }),
    onSuccess: onIncident,
    onError: onConflict,
  });
  const milestone = useMutation({
    mutationFn: (body: { milestone: Milestone; at?: string }) => api<Incident>(`${base}/milestones`, { method: 'POST', body }),
    onSuccess: onIncident,
    onError: onConflict,
  });
  const addNote = useMutation({
    mutationFn: (body: { body: string }) => api<TimelineEvent>(`${base}/notes`, { method: 'POST', body }),
    onSuccess: (event) => {
      appendTimelineEvent(client, event);
      refreshAround(client, incident.id);
      void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.key) });
    },
  });
  return { update, transition, milestone, addNote };
}

/**
 * Records a named determination ("significant", "major", "high-risk-to-data-subjects"), which starts the clocks
 * of the obligations waiting for it. The answer is the incident with a new version, so its plan is fetched anew.
 */
export function useRecordDetermination(incident: Incident) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; reason: string }) =>
      api<Incident>(`/incidents/${incident.id}/determinations`, { method: 'POST', body }),
    onSuccess: (next) => {
      storeIncident(client, next);
      refreshAround(client, next.id);
    },
    onError: () => {
      // Most likely someone else made it meanwhile: show the incident as it is now.
      void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.key) });
      void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.id) });
    },
  });
}

/**
 * Adds an event to a cached timeline when it is the next one; otherwise refetches, so a gap
 * (a missed message, a reconnect) never leaves the page showing a timeline with holes.
 */
export function appendTimelineEvent(client: QueryClient, event: TimelineEvent): void {
  const key = incidentKeys.timeline(event.incidentId);
  const cached = client.getQueryData<TimelineEvent[]>(key);
  if (!cached) return;
  const lastSeq = cached.at(-1)?.seq ?? 0;
  if (event.seq <= lastSeq) return;
  if (event.seq === lastSeq + 1) client.setQueryData<TimelineEvent[]>(key, [...cached, event]);
  else void client.invalidateQueries({ queryKey: key });
}

/** What a live timeline message changes in the cache. */
export function applyLiveEvent(client: QueryClient, event: TimelineEvent): void {
  appendTimelineEvent(client, event);
  void client.invalidateQueries({ queryKey: incidentKeys.lists() });
  void client.invalidateQueries({ queryKey: incidentKeys.integrity(event.incidentId) });
  // Deliveries, escalations, acknowledgements and answers arrive as timeline events of the incident.
  void client.invalidateQueries({ queryKey: incidentKeys.notifications(event.incidentId) });
  // Submissions, waivers and missed deadlines change the clocks across incidents.
  void client.invalidateQueries({ queryKey: DEADLINES_KEY });
  // Task changes and reminders change "My tasks" (an incident's own panel follows the incident's version).
  if (event.type.startsWith('task')) void client.invalidateQueries({ queryKey: TASKS_KEY });
  if (event.type.startsWith('action.')) void client.invalidateQueries({ queryKey: ['actions'] });
  void client.invalidateQueries({
    predicate: (query) =>
      query.queryKey[0] === 'incidents' &&
      query.queryKey[1] === 'detail' &&
      ((query.state.data as Incident | undefined)?.id === event.incidentId || query.queryKey[2] === event.incidentId),
  });
}
