import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RecordedCustodyAction } from '../../shared/custody-events.ts';
import type { EvidenceItem } from '../../shared/triage-types.ts';
import { ApiError, api, buildUrl } from '../core/api.ts';
import { refreshAround } from '../incidents/incidents-api.ts';

/** One step of an item's chain of custody, as GET /evidence/:id/custody answers it. */
export interface CustodyStep {
  seq: number;
  action: string;
  by: { id: string; name: string };
  at: string;
  to: string | null;
  location: string | null;
  note: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface Verification {
  ok: boolean;
  expected: string;
  actual: string | null;
  at: string;
}

export const evidenceKeys = {
  all: ['evidence'] as const,
  /** Keyed on the incident's version: evidence added to the incident (a timeline event) fetches it anew. */
  incident: (incidentId: string, version: number) => ['evidence', 'incident', incidentId, version] as const,
  /** Keyed on the number of steps the list shows: a new step fetches the log anew. */
  custody: (id: string, steps: number) => ['evidence', 'custody', id, steps] as const,
};

export function useIncidentEvidence(incidentId: string, version: number) {
  return useQuery({
    queryKey: evidenceKeys.incident(incidentId, version),
    queryFn: ({ signal }) =>
      api<{ evidence: EvidenceItem[]; maxBytes: number }>(`/incidents/${encodeURIComponent(incidentId)}/evidence`, { signal }),
    placeholderData: (previous) => previous,
  });
}

export function useCustody(id: string, steps: number, enabled: boolean) {
  return useQuery({
    queryKey: evidenceKeys.custody(id, steps),
    queryFn: ({ signal }) =>
      api<{ custody: CustodyStep[] }>(`/evidence/${encodeURIComponent(id)}/custody`, { signal }).then((r) => r.custody),
    placeholderData: (previous) => previous,
    enabled,
  });
}

/** Recording a custody step and verifying an item: both change the incident's timeline, so both refresh around it. */
export function useEvidenceActions(incidentId: string) {
  const client = useQueryClient();
  const refresh = () => {
    refreshAround(client, incidentId);
    void client.invalidateQueries({ queryKey: evidenceKeys.all });
  };
  const record = useMutation({
    mutationFn: ({ id, ...body }: { id: string; action: RecordedCustodyAction; to?: string; location?: string; note: string }) =>
      api<CustodyStep>(`/evidence/${encodeURIComponent(id)}/custody`, { method: 'POST', body }),
    onSuccess: refresh,
  });
  const verify = useMutation({
    mutationFn: (id: string) => api<Verification>(`/evidence/${encodeURIComponent(id)}/verify`, { method: 'POST' }),
    onSuccess: refresh,
  });
  return { record, verify, refresh };
}

/** The item's content as a plain link: a GET with the session cookie, saved by the browser. */
export function evidenceContentUrl(id: string): string {
  return buildUrl(`/evidence/${encodeURIComponent(id)}/content`);
}

export interface UploadFields {
  source: string;
  collectedBy: string;
  /** RFC 3339. */
  collectedAt: string;
  description: string;
}

/**
 * Uploads one file as multipart/form-data with XMLHttpRequest, whose upload events give a real progress bar
 * (fetch has none). Resolves with the stored item; rejects with an ApiError a person can act on.
 */
export function uploadEvidenceFile(
  incidentId: string,
  file: File,
  fields: UploadFields,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<EvidenceItem> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    // The file goes last: the fields are read before the server starts writing bytes.
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(`/incidents/${encodeURIComponent(incidentId)}/evidence`));
    xhr.setRequestHeader('X-Muster-Csrf', '1');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      let payload: { error?: { code?: string; message?: string; field?: string } } | EvidenceItem | null = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: a proxy's error page; the status line below says what it can.
      }
      if (xhr.status === 201 && payload) return resolve(payload as EvidenceItem);
      const error = (payload as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
      reject(
        new ApiError(
          xhr.status,
          (error?.code ?? (xhr.status >= 500 ? 'unavailable' : 'invalid')) as ApiError['code'],
          error?.message ??
            (xhr.status === 413
              ? 'The file is larger than the upload limit.'
              : `The upload failed (${xhr.status} ${xhr.statusText}). Try again.`),
          error?.field,
        ),
      );
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', 'The upload was cut off: the connection to the Muster server was lost. Try again.'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
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

/** The upload limit as the server states it: "2 GiB", "64 KiB". */
export function limitWords(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
