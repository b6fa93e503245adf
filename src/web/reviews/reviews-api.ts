import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Review, ReviewFields } from '../../shared/review-types.ts';
import { api } from '../core/api.ts';
import { incidentKeys, refreshAround } from '../incidents/incidents-api.ts';

export const reviewKeys = {
  /** An incident's review at one version of the incident: a live event or a change fetches it anew. */
  incident: (incidentId: string, version: number) => ['review', incidentId, version] as const,
};

const path = (incidentId: string) => `/incidents/${encodeURIComponent(incidentId)}/review`;

/** The incident's review: the team's fields, and the findings the record gives (current while it is open). */
export function useReview(incidentId: string, version: number) {
  return useQuery({
    queryKey: reviewKeys.incident(incidentId, version),
    queryFn: ({ signal }) => api<Review>(path(incidentId), { signal }),
    placeholderData: (previous) => previous,
  });
}

/** Save, complete and waive; each answers the review at its new version, and the incident moves on a version. */
export function useReviewActions(incident: { id: string; key: string }) {
  const client = useQueryClient();
  const refresh = () => {
    refreshAround(client, incident.id);
    void client.invalidateQueries({ queryKey: ['review', incident.id] });
    void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.id) });
    void client.invalidateQueries({ queryKey: incidentKeys.detail(incident.key) });
  };
  const save = useMutation({
    mutationFn: (body: Partial<ReviewFields> & { expectedVersion: number }) =>
      api<Review>(path(incident.id), { method: 'PUT', body }),
    onSettled: refresh,
  });
  const complete = useMutation({
    mutationFn: (expectedVersion: number) =>
      api<Review>(`${path(incident.id)}/complete`, { method: 'POST', body: { expectedVersion } }),
    onSettled: refresh,
  });
  const waive = useMutation({
    mutationFn: (body: { reason: string; expectedVersion: number }) =>
      api<Review>(`${path(incident.id)}/waive`, { method: 'POST', body }),
    onSettled: refresh,
  });
  return { save, complete, waive, refresh };
}

export type ReviewActions = ReturnType<typeof useReviewActions>;
