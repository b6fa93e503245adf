import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Incident } from '../../shared/api-types.ts';
import type { PreservationRequest, SuggestedPreserveItems } from '../../shared/preservation-types.ts';
import { api } from '../core/api.ts';
import { incidentKeys, refreshAround } from '../incidents/incidents-api.ts';

/** Body of POST /incidents/:id/preservation-requests. */
export interface PreservationRequestBody {
  items: string[];
  message?: string;
  /** YYYY-MM-DD. */
  keepUntil?: string;
}

export const preservationKeys = {
  all: (incidentId: string) => ['incidents', 'preservation-requests', incidentId] as const,
  /** Keyed by the incident's version: the customer's answer is a timeline event, so a live message refetches it. */
  list: (incidentId: string, version: number) => ['incidents', 'preservation-requests', incidentId, version] as const,
  suggested: (incidentId: string) => ['incidents', 'preservation-requests', incidentId, 'suggested'] as const,
};

const base = (incidentId: string) => `/incidents/${encodeURIComponent(incidentId)}/preservation-requests`;

/** The incident's preservation requests, newest first. */
export function usePreservationRequests(incidentId: string, version: number) {
  return useQuery({
    queryKey: preservationKeys.list(incidentId, version),
    queryFn: ({ signal }) => api<{ items: PreservationRequest[] }>(base(incidentId), { signal }),
    select: (r) => r.items,
    placeholderData: (previous) => previous, // keep the cards steady while the next version loads
    refetchInterval: 60_000, // a link expires by the clock, not by an event
  });
}

/** What the request form starts with: the playbooks' items, else the default list. */
export function useSuggestedPreserveItems(incidentId: string, enabled: boolean) {
  return useQuery({
    queryKey: preservationKeys.suggested(incidentId),
    queryFn: ({ signal }) => api<SuggestedPreserveItems>(`${base(incidentId)}/suggested-items`, { signal }),
    enabled,
    staleTime: 0,
  });
}

/** "Ask the customer to preserve…": the request goes out, the cards and the timeline refresh. */
export function useRequestPreservation(incident: Incident) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PreservationRequestBody) => api<PreservationRequest>(base(incident.id), { method: 'POST', body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: preservationKeys.all(incident.id) });
      void client.invalidateQueries({ queryKey: incidentKeys.notifications(incident.id) });
      void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.key) });
      refreshAround(client, incident.id);
    },
  });
}
