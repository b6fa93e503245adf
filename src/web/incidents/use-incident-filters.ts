import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { DEFAULT_SORT_ORDER, INCIDENT_SORTS, type IncidentSort, type SortOrder } from '../../shared/incident-list.ts';
import { INCIDENT_STATUSES, type IncidentStatus, SEVERITIES, type Severity } from '../../shared/incident-vocabulary.ts';
import type { IncidentFilters } from './incidents-api.ts';

export const NO_FILTERS = {
  status: [],
  severity: [],
  exercise: 'all',
  q: '',
  customerId: null,
  mine: false,
} as const satisfies Partial<IncidentFilters>;

/** What the address bar says about the list: filters, order and the page's cursor. Unknown values are ignored. */
function readParams(params: URLSearchParams): IncidentFilters {
  const exercise = params.get('exercise');
  const sortParam = params.get('sort');
  const sort: IncidentSort = (INCIDENT_SORTS as readonly string[]).includes(sortParam ?? '')
    ? (sortParam as IncidentSort)
    : 'reported';
  const orderParam = params.get('order');
  const order: SortOrder = orderParam === 'asc' || orderParam === 'desc' ? orderParam : DEFAULT_SORT_ORDER[sort];
  return {
    status: params.getAll('status').filter((s): s is IncidentStatus => (INCIDENT_STATUSES as readonly string[]).includes(s)),
    severity: params.getAll('severity').filter((s): s is Severity => (SEVERITIES as readonly string[]).includes(s)),
    exercise: exercise === 'real' || exercise === 'exercise' ? exercise : 'all',
    q: params.get('q') ?? '',
    customerId: params.get('customer') || null,
    mine: params.get('mine') === '1',
    sort,
    order,
    cursor: params.get('cursor') || null,
  };
}

function writeParams(view: IncidentFilters): URLSearchParams {
  const out = new URLSearchParams();
  for (const s of view.status) out.append('status', s);
  for (const s of view.severity) out.append('severity', s);
  if (view.exercise !== 'all') out.set('exercise', view.exercise);
  if (view.q.trim()) out.set('q', view.q);
  if (view.customerId) out.set('customer', view.customerId);
  if (view.mine) out.set('mine', '1');
  if (view.sort !== 'reported') out.set('sort', view.sort);
  if (view.order !== DEFAULT_SORT_ORDER[view.sort]) out.set('order', view.order);
  if (view.cursor) out.set('cursor', view.cursor);
  return out;
}

/**
 * The list's filters, order and page live in the address bar, so a view can be bookmarked, shared and restored
 * with Back. Every change but the page itself starts again at the first page. Changes go into the history (Back
 * undoes them), except typing in the search box, which replaces the entry it is refining.
 */
export function useIncidentFilters(): [IncidentFilters, (next: Partial<IncidentFilters>) => void, boolean] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readParams(params), [params]);

  const update = useCallback(
    (next: Partial<IncidentFilters>) => {
      const onlyTyping = Object.keys(next).every((k) => k === 'q');
      setParams(
        (current) => {
          const merged = { ...readParams(current), ...next };
          if (!('cursor' in next)) merged.cursor = null;
          if ('sort' in next && !('order' in next) && next.sort) merged.order = DEFAULT_SORT_ORDER[next.sort];
          return writeParams(merged);
        },
        { replace: onlyTyping },
      );
    },
    [setParams],
  );

  const active =
    filters.status.length > 0 ||
    filters.severity.length > 0 ||
    filters.exercise !== 'all' ||
    filters.q.trim() !== '' ||
    filters.customerId !== null ||
    filters.mine;
  return [filters, update, active];
}
