import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { INCIDENT_STATUSES, type IncidentStatus, SEVERITIES, type Severity } from '../../shared/incident-vocabulary.ts';
import type { IncidentFilters } from './incidents-api.ts';

/** List filters live in the address bar, so a filtered view can be bookmarked, shared and restored with Back. */
export function useIncidentFilters(): [IncidentFilters, (next: Partial<IncidentFilters>) => void, boolean] {
  const [params, setParams] = useSearchParams();

  const filters = useMemo<IncidentFilters>(() => {
    const exercise = params.get('exercise');
    return {
      status: params.getAll('status').filter((s): s is IncidentStatus => (INCIDENT_STATUSES as readonly string[]).includes(s)),
      severity: params.getAll('severity').filter((s): s is Severity => (SEVERITIES as readonly string[]).includes(s)),
      exercise: exercise === 'real' || exercise === 'exercise' ? exercise : 'all',
      q: params.get('q') ?? '',
      customerId: params.get('customer') || null,
    };
  }, [params]);

  const update = useCallback(
    (next: Partial<IncidentFilters>) => {
      setParams(
        (current) => {
          const merged = { ...readParams(current), ...next };
          const out = new URLSearchParams();
          for (const s of merged.status) out.append('status', s);
          for (const s of merged.severity) out.append('severity', s);
          if (merged.exercise !== 'all') out.set('exercise', merged.exercise);
          if (merged.q.trim()) out.set('q', merged.q);
          if (merged.customerId) out.set('customer', merged.customerId);
          return out;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const active =
    filters.status.length > 0 ||
    filters.severity.length > 0 ||
    filters.exercise !== 'all' ||
    filters.q.trim() !== '' ||
    filters.customerId !== null;
  return [filters, update, active];
}

function readParams(params: URLSearchParams): IncidentFilters {
  const exercise = params.get('exercise');
  return {
    status: params.getAll('status') as IncidentStatus[],
    severity: params.getAll('severity') as Severity[],
    exercise: exercise === 'real' || exercise === 'exercise' ? exercise : 'all',
    q: params.get('q') ?? '',
    customerId: params.get('customer') || null,
  };
}
