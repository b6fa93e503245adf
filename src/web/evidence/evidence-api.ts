import { useQuery } from '@tanstack/react-query';
import type { EvidenceItem } from '../../shared/triage-types.ts';
import { api, buildUrl } from '../core/api.ts';

export const evidenceKeys = {
  /** Keyed on the incident's version: evidence added to the incident (a timeline event) fetches it anew. */
  incident: (incidentId: string, version: number) => ['evidence', 'incident', incidentId, version] as const,
};

export function useIncidentEvidence(incidentId: string, version: number) {
  return useQuery({
    queryKey: evidenceKeys.incident(incidentId, version),
    queryFn: ({ signal }) =>
      api<{ evidence: EvidenceItem[] }>(`/incidents/${encodeURIComponent(incidentId)}/evidence`, { signal }).then(
        (r) => r.evidence,
      ),
    placeholderData: (previous) => previous,
  });
}

/** The item's content as a plain link: a GET with the session cookie, saved by the browser. */
export function evidenceContentUrl(id: string): string {
  return buildUrl(`/evidence/${encodeURIComponent(id)}/content`);
}

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** "1.4 MB", "812 bytes". */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}
