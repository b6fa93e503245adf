// How the incident list can be ordered and paged (GET /api/v1/incidents). Values shared by the server and the web.

/**
 * The orders the list offers, each paged by a cursor (keyset) with the incident id as the tiebreak:
 * reported and updated by time, severity from critical down to unassessed, status along the lifecycle.
 */
export const INCIDENT_SORTS = ['reported', 'updated', 'severity', 'status'] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** The order a sort takes when none is asked for: newest, most severe, earliest stage first. */
export const DEFAULT_SORT_ORDER: Record<IncidentSort, SortOrder> = {
  reported: 'desc',
  updated: 'desc',
  severity: 'desc',
  status: 'asc',
};

/**
 * The list counts matching incidents up to this many; past it the count says "1,000+". Counting reads every
 * matching row (about 20 ms per 10,000 here), so the cap keeps each page's cost bounded as the list grows.
 */
export const LIST_COUNT_CAP = 1_000;
