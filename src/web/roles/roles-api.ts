import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Incident, IncidentRoles } from '../../shared/api-types.ts';
import type { IncidentRole } from '../../shared/incident-vocabulary.ts';
import { api } from '../core/api.ts';
import { incidentKeys, refreshAround, storeIncident } from '../incidents/incidents-api.ts';

/** Keyed on the incident's version: every role change is a timeline event, so a new version refetches the roles. */
const rolesKey = (incidentId: string, version: number) => ['incidents', 'roles', incidentId, version] as const;

export function useIncidentRoles(incidentId: string, version: number) {
  return useQuery({
    queryKey: rolesKey(incidentId, version),
    queryFn: ({ signal }) => api<IncidentRoles>(`/incidents/${encodeURIComponent(incidentId)}/roles`, { signal }),
    placeholderData: (previous) => previous,
  });
}

/** Giving a role (PUT, the holder is told) and leaving it to nobody (DELETE); each answers the new incident. */
export function useRoleActions(incident: Incident) {
  const client = useQueryClient();
  const base = `/incidents/${encodeURIComponent(incident.id)}/roles`;
  const onIncident = (next: Incident) => {
    storeIncident(client, next);
    refreshAround(client, next.id);
  };
  const onError = () => {
    // Most likely the incident moved on (closed, or the person lost access): show it as it is now.
    void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.key) });
    void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.id) });
  };
  const assign = useMutation({
    mutationFn: ({ role, userId }: { role: IncidentRole; userId: string; name: string }) =>
      api<Incident>(`${base}/${role}`, { method: 'PUT', body: { userId } }),
    onSuccess: onIncident,
    onError,
  });
  const remove = useMutation({
    mutationFn: ({ role }: { role: IncidentRole; name: string }) => api<Incident>(`${base}/${role}`, { method: 'DELETE' }),
    onSuccess: onIncident,
    onError,
  });
  return { assign, remove };
}
