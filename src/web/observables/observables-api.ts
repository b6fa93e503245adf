import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NewObservable, Observable, ObservableChanges, ObservableType, Sightings } from '../../shared/observable-types.ts';
import { api, buildUrl } from '../core/api.ts';
import { incidentKeys, refreshAround } from '../incidents/incidents-api.ts';

export const observableKeys = {
  all: ['observables'] as const,
  /** Keyed on the incident's version: an observable added (a timeline event) fetches the list anew. */
  incident: (incidentId: string, version: number) => ['observables', 'incident', incidentId, version] as const,
  sightings: (type: ObservableType, value: string) => ['observables', 'sightings', type, value] as const,
};

export function useIncidentObservables(incidentId: string, version: number) {
  return useQuery({
    queryKey: observableKeys.incident(incidentId, version),
    queryFn: ({ signal }) =>
      api<{ items: Observable[] }>(`/incidents/${encodeURIComponent(incidentId)}/observables`, { signal }).then((r) => r.items),
    placeholderData: (previous) => previous,
  });
}

/** Where else a value was seen (only incidents the user may read); fetched when asked for. */
export function useSightings(type: ObservableType, value: string, enabled: boolean) {
  return useQuery({
    queryKey: observableKeys.sightings(type, value),
    queryFn: ({ signal }) => api<Sightings>('/observables', { signal, query: { type, value } }),
    enabled,
  });
}

/** The STIX 2.1 bundle of the incident, as a plain link: a GET with the session cookie, saved by the browser. */
export function stixUrl(incidentId: string): string {
  return buildUrl(`/incidents/${encodeURIComponent(incidentId)}/stix`);
}

/** What the Observables panel does on one incident: add, change, remove. */
export function useObservableActions(incident: { id: string; key: string }) {
  const client = useQueryClient();
  const refresh = () => {
    refreshAround(client, incident.id);
    void client.invalidateQueries({ queryKey: observableKeys.all });
    void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.id) });
    void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.key) });
  };
  const add = useMutation({
    mutationFn: (body: NewObservable) =>
      api<Observable>(`/incidents/${encodeURIComponent(incident.id)}/observables`, { method: 'POST', body }),
    onSuccess: refresh,
  });
  const change = useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: ObservableChanges }) =>
      api<Observable>(`/observables/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes }),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`/observables/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSettled: refresh,
  });
  return { add, change, remove };
}

export type ObservableActions = ReturnType<typeof useObservableActions>;
