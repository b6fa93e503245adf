import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Incident } from '../../shared/api-types.ts';
import type { EffectAnswerInput, EffectsAssessment } from '../../shared/effects.ts';
import { api } from '../core/api.ts';
import { refreshAround, storeIncident } from '../incidents/incidents-api.ts';

/** The answer to `PUT /incidents/:id/effects`: the assessment and the incident it changed. */
export type EffectsSaved = EffectsAssessment & { incident: Incident };

export const effectsKeys = {
  /** Keyed on the incident's version: any change to it (an answer, an edited impact, a live event) fetches anew. */
  incident: (incidentId: string, version: number) => ['incidents', 'effects', incidentId, version] as const,
};

export function useEffects(incident: Incident) {
  return useQuery({
    queryKey: effectsKeys.incident(incident.id, incident.version),
    queryFn: ({ signal }) => api<EffectsAssessment>(`/incidents/${encodeURIComponent(incident.id)}/effects`, { signal }),
    placeholderData: (previous) => previous, // keep the answers on screen while the next version loads
  });
}

/** Saves answers; the incident's new version (personal data, clocks) and the assessment land in the cache at once. */
export function useSaveEffects(incident: Incident) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (answers: EffectAnswerInput[]) =>
      api<EffectsSaved>(`/incidents/${encodeURIComponent(incident.id)}/effects`, { method: 'PUT', body: { answers } }),
    onSuccess: ({ incident: next, ...assessment }) => {
      client.setQueryData(effectsKeys.incident(next.id, next.version), assessment);
      storeIncident(client, next);
      refreshAround(client, next.id);
    },
  });
}
