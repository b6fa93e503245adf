import { DEFAULT_SORT_ORDER, type IncidentSort, LIST_COUNT_CAP, type SortOrder } from '../../shared/incident-list.ts';
import { type Actor, assertCan, listReader, visibleCustomers } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import {
  type IncidentFilter,
  type IncidentKeyset,
  type IncidentListQuery,
  type ListedIncidentRow,
  listIncidentRows,
  listIncidents,
  planListSearch,
  rowSortValue,
  sortValue,
} from './incident-list.queries.ts';
import type { SearchPlan } from './incident-search.queries.ts';
import type { IncidentState } from './incident-state.ts';
import { countMatches } from './match-counts.ts';

export interface ListIncidentsRequest {
  customerId?: string;
  status?: string[];
  severity?: string[];
  exercise?: boolean;
  q?: string;
  /** Only incidents where the caller holds a role or has an unfinished task. */
  mine?: boolean;
  sort?: IncidentSort;
  order?: SortOrder;
  cursor?: string;
  limit: number;
}

export interface IncidentListPage<T = IncidentState> {
  items: T[];
  /** The page after this one; null on the last. */
  nextCursor: string | null;
  /** The page before this one; null on the first. */
  prevCursor: string | null;
  /** How many incidents match, counted up to LIST_COUNT_CAP; totalExact is false when there are more. */
  total: number;
  totalExact: boolean;
}

interface Cursor extends IncidentKeyset {
  sort: IncidentSort;
  order: SortOrder;
}

function encodeCursor(cursor: Cursor): string {
  const { sort, order, value, id, before } = cursor;
  return Buffer.from(JSON.stringify({ s: sort, o: order, v: value, i: id, b: before })).toString('base64url');
}

function decodeCursor(text: string, sort: IncidentSort, order: SortOrder): IncidentKeyset {
  let c: Record<string, unknown> | undefined;
  try {
    c = JSON.parse(Buffer.from(text, 'base64url').toString());
  } catch {}
  if (c === null || typeof c !== 'object' || typeof c.i !== 'string' || typeof c.b !== 'boolean') {
    throw new AppError('invalid', 'cursor is not one this API handed out', 'cursor');
  }
  if (c.s !== sort || c.o !== order) {
    throw new AppError(
      'invalid',
      `cursor belongs to the list sorted by ${String(c.s)} ${String(c.o)}, not ${sort} ${order}: start again without it`,
      'cursor',
    );
  }
  const byTime = sort === 'reported' || sort === 'updated';
  if (byTime ? typeof c.v !== 'string' : !Number.isInteger(c.v)) {
    throw new AppError('invalid', 'cursor is not one this API handed out', 'cursor');
  }
  return { value: c.v as string | number, id: c.i as string, before: c.b as boolean };
}

/**
 * One page of the incidents the actor may see (their customers' and those of no customer; TLP:RED only when on
 * its list), in a stable order, with cursors to the pages either side and a count of all that match.
 */
export function listIncidentPage(deps: Deps, actor: Actor, request: ListIncidentsRequest): Promise<IncidentListPage> {
  return pageOf(deps, actor, request, listIncidents, sortValue);
}

/** listIncidentPage with each incident's row instead of its state (the list route splices stored JSON). */
export function listIncidentRowPage(
  deps: Deps,
  actor: Actor,
  request: ListIncidentsRequest,
): Promise<IncidentListPage<ListedIncidentRow>> {
  return pageOf(deps, actor, request, listIncidentRows, rowSortValue);
}

async function pageOf<T extends { id: string }>(
  deps: Deps,
  actor: Actor,
  request: ListIncidentsRequest,
  list: (
    db: Deps['database']['db'],
    dialect: Deps['database']['dialect'],
    query: IncidentListQuery,
    plan: SearchPlan | null,
  ) => Promise<T[]>,
  sortValueOf: (item: T, sort: IncidentSort) => string | number,
): Promise<IncidentListPage<T>> {
  if (request.customerId) {
    assertCan(actor, 'incident.read', { customerId: request.customerId, notFound: `No customer ${request.customerId}` });
  }
  const { cursor, limit, mine, sort = 'reported', order = DEFAULT_SORT_ORDER[sort], ...rest } = request;
  const filter: IncidentFilter = {
    ...rest,
    visible: visibleCustomers(actor),
    reader: listReader(actor),
    mine: mine ? actor.id : undefined,
  };
  const page = cursor ? decodeCursor(cursor, sort, order) : undefined;
  const { db, dialect } = deps.database;
  // A search is planned once, for the page and the count (on PostgreSQL this reads the index's matches).
  const listQuery = { ...filter, sort, order, page, limit: limit + 1 };
  const plan = await planListSearch(db, dialect, listQuery);
  const [rows, total] = await Promise.all([
    list(db, dialect, listQuery, plan),
    countMatches(deps.database, filter, LIST_COUNT_CAP, plan),
  ]);
  // One row past the page says whether there is more in the direction read (for a `before` page, it comes first).
  const more = rows.length > limit;
  // Back at the start: the first page as it is now, whole (new incidents may have come in ahead of it).
  if (page?.before && !more) return pageOf(deps, actor, { ...request, cursor: undefined }, list, sortValueOf);
  const items = page?.before ? rows.slice(rows.length - Math.min(limit, rows.length)) : rows.slice(0, limit);
  const at = (item: T | undefined, before: boolean) =>
    item ? encodeCursor({ sort, order, value: sortValueOf(item, sort), id: item.id, before }) : null;
  const nextCursor = page?.before || more ? at(items.at(-1), false) : null;
  let prevCursor: string | null = null;
  if (page?.before) prevCursor = at(items[0], true);
  else if (page) prevCursor = items.length ? at(items[0], true) : encodeCursor({ sort, order, ...page, before: true });
  return { items, nextCursor, prevCursor, total: Math.min(total, LIST_COUNT_CAP), totalExact: total <= LIST_COUNT_CAP };
}
