import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Incident } from '../../shared/api-types.ts';
import type { ConnectionCheck } from '../../shared/connection-check-types.ts';
import { api } from '../core/api.ts';
import { incidentKeys, refreshAround } from '../incidents/incidents-api.ts';

/** Body of POST /incidents/:id/connection-checks. */
export interface ConnectionCheckRequest {
  /** Some of the affected services; absent: all of them. */
  serviceIds?: string[];
  /** The opening words of the message; absent: the standard text. */
  message?: string;
}

export const connectionCheckKeys = {
  all: (incidentId: string) => ['incidents', 'connection-checks', incidentId] as const,
  /** Keyed by the incident's version: the customer's answer is a timeline event, so a live message refetches it. */
  list: (incidentId: string, version: number) => ['incidents', 'connection-checks', incidentId, version] as const,
};

/** The incident's connection checks, newest first. */
export function useConnectionChecks(incidentId: string, version: number) {
  return useQuery({
    queryKey: connectionCheckKeys.list(incidentId, version),
    queryFn: ({ signal }) =>
      api<{ items: ConnectionCheck[] }>(`/incidents/${encodeURIComponent(incidentId)}/connection-checks`, { signal }),
    select: (r) => r.items,
    placeholderData: (previous) => previous, // keep the card steady while the next version loads
    refetchInterval: 60_000, // a link expires by the clock, not by an event
  });
}

/** "Ask the customer to check connections": the request goes out, the card and the timeline refresh. */
export function useRequestConnectionCheck(incident: Incident) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ConnectionCheckRequest) =>
      api<ConnectionCheck>(`/incidents/${encodeURIComponent(incident.id)}/connection-checks`, { method: 'POST', body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: connectionCheckKeys.all(incident.id) });
      void client.invalidateQueries({ queryKey: incidentKeys.notifications(incident.id) });
      void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.key) });
      refreshAround(client, incident.id);
    },
  });
}
