import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { IncidentAccessList } from '../../shared/api-types.ts';
import { api } from '../core/api.ts';
import { incidentKeys } from './incidents-api.ts';

/** Keyed on the incident's version: every change to the list is a timeline event, so a new version refetches it. */
const accessKey = (incidentId: string, version: number) => ['incidents', 'access', incidentId, version] as const;

export function useIncidentAccess(incidentId: string, version: number) {
  return useQuery({
    queryKey: accessKey(incidentId, version),
    queryFn: ({ signal }) => api<IncidentAccessList>(`/incidents/${encodeURIComponent(incidentId)}/access`, { signal }),
    placeholderData: (previous) => previous,
  });
}

/** Adding (PUT) and removing (DELETE) a person; `idOrKey` may be the key (break-glass from the not-found page). */
export function useAccessActions(idOrKey: string) {
  const client = useQueryClient();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['incidents', 'access'] });
    void client.invalidateQueries({ queryKey: incidentKeys.detail(idOrKey) });
  };
  const base = `/incidents/${encodeURIComponent(idOrKey)}/access`;
  const add = useMutation({
    mutationFn: (userId: string) => api<IncidentAccessList>(`${base}/${encodeURIComponent(userId)}`, { method: 'PUT' }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api<void>(`${base}/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  return { add, remove };
}
