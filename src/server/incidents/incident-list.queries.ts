import { type AliasedSelectQueryBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import { DEFAULT_SORT_ORDER, type IncidentSort, type SortOrder } from '../../shared/incident-list.ts';
import { type Dialect, PLAN_WITH_VALUES } from '../core/db/database.ts';
import type { IncidentsTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import { effectiveSeverity } from './incident.ts';
import { readableIncident } from './incident-access.queries.ts';
import { involvedIn } from './incident-roles.queries.ts';
import {
  fromIndex,
  fromMatches,
  onRows,
  POSTGRES_PROBE_LIMIT,
  type SearchPlan,
  type SearchTerms,
  searchPlan,
  searchTerms,
  textHasEvery,
} from './incident-search.queries.ts';
import type { IncidentState } from './incident-state.ts';
import { severityRank, statusRank } from './incidents.queries.ts';

// The incident list's queries: the filter (customers, need-to-know, search), keyset pages and the capped count.

export interface IncidentFilter {
  /** The customers the caller may see (incidents of no customer are always visible); null: all. */
  visible: string[] | null;
  /** Whose TLP:RED access counts (see readableIncident); null: the system, no restriction. */
  reader: string | null;
  customerId?: string;
  status?: string[];
  severity?: string[];
  exercise?: boolean;
  q?: string;
  /** Only the incidents this user is involved in (see involvedIn). */
  mine?: string;
}

/** Where a page starts: just past (or, `before`, just ahead of) the incident with this sort value and id. */
export interface IncidentKeyset {
  value: string | number;
  id: string;
  before: boolean;
}

export interface IncidentListQuery extends IncidentFilter {
  /** Default: reported, newest first. */
  sort?: IncidentSort;
  order?: SortOrder;
  page?: IncidentKeyset;
  limit: number;
}

/** The column each order of the list sorts on; every one has an index ending in the id (migration 0010). */
const SORT_COLUMN = {
  reported: 'reported_at',
  updated: 'updated_at',
  severity: 'severity_rank',
  status: 'status_rank',
} as const satisfies Record<IncidentSort, keyof IncidentsTable>;

/** The value an incident's row has in a sort's column, for the cursor that starts after it. */
export function sortValue(state: IncidentState, sort: IncidentSort): string | number {
  if (sort === 'reported') return state.times.reportedAt;
  if (sort === 'updated') return state.updatedAt;
  return sort === 'severity' ? severityRank(effectiveSeverity(state)) : statusRank(state.status);
}

/**
 * The incidents the filter lets through. A search reads them from the index's matches (`index`: few matches) or
 * checks each row (`rows`: a walk that stops early); see incident-search.queries.ts.
 */
function matching(tx: Tx, dialect: Dialect, filter: IncidentFilter, plan: SearchPlan | null, read: 'index' | 'rows') {
  let query = tx.selectFrom('incidents');
  let walked = false;
  if (plan) {
    const { terms, matches } = plan;
    if (read === 'index' && matches) query = fromMatches(tx, matches);
    else if (read === 'index' && dialect === 'sqlite' && terms.indexed.length > 0) query = fromIndex(tx, dialect, terms);
    else {
      query = onRows(tx, dialect, terms);
      walked = true;
    }
  }
  if (filter.visible !== null) {
    const visible = filter.visible;
    // A search checked row by row was chosen because its word is in many incidents: SQLite must walk the sort index,
    // not sort every visible incident it would find by the customer index (`+` keeps it off that index).
    const customer = walked && dialect === 'sqlite' ? sql<string | null>`+incidents.customer_id` : sql.ref('customer_id');
    query = query.where((eb) =>
      visible.length ? eb.or([eb(customer, 'is', null), eb(customer, 'in', visible)]) : eb(customer, 'is', null),
    );
  }
  if (filter.reader !== null) query = query.where(readableIncident('incidents.id', filter.reader));
  if (filter.mine !== undefined) query = query.where(involvedIn('incidents.id', filter.mine));
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.status?.length) query = query.where('status', 'in', filter.status);
  if (filter.severity?.length) query = query.where('severity', 'in', filter.severity);
  if (filter.exercise !== undefined) query = query.where('exercise', '=', filter.exercise ? 1 : 0);
  return query;
}

/**
 * The page query: the incidents matching the filter, in the asked order with the id as the tiebreak, starting at
 * the keyset — it reads as many index entries as it shows, however deep it is. A `before` page is read backwards
 * (`backwards`: hand it back reversed). Nothing selected yet. `plan`: the search's plan when the caller made it
 * already (planListSearch).
 */
async function pageQuery(tx: Tx, dialect: Dialect, query: IncidentListQuery, plan?: SearchPlan | null) {
  const sort = query.sort ?? 'reported';
  const column = SORT_COLUMN[sort];
  const backwards = query.page?.before ?? false;
  const descending = (query.order ?? DEFAULT_SORT_ORDER[sort]) === 'desc';
  const direction: 'asc' | 'desc' = descending !== backwards ? 'desc' : 'asc';
  const search = plan === undefined ? await searchPlan(tx, dialect, query.q) : plan;
  const fromSearchIndex = search?.fromIndex ?? false;
  let select = search?.pageIds
    ? matching(tx, dialect, query, { ...search, matches: search.pageIds }, 'index')
    : matching(tx, dialect, query, search, fromSearchIndex ? 'index' : 'rows');
  if (query.page) {
    const { value, id } = query.page;
    const past = direction === 'desc' ? '<' : '>';
    // The range on the sort column alone lets both planners walk its index in order; the id breaks ties.
    select = select.where((eb) => eb.and([eb(column, `${past}=`, value), eb.or([eb(column, past, value), eb('id', past, id)])]));
  }
  const ordered = select.orderBy(column, direction).orderBy('id', direction).limit(query.limit);
  return { ordered, column, direction, backwards, fromSearchIndex };
}

/** One page of the incidents matching the filter (see pageQuery), as their states. */
export async function listIncidents(
  tx: Tx,
  dialect: Dialect,
  query: IncidentListQuery,
  plan?: SearchPlan | null,
): Promise<IncidentState[]> {
  const { ordered, column, direction, backwards, fromSearchIndex } = await pageQuery(tx, dialect, query, plan);
  // SQLite sorts every match of the index itself: it sorts their ids and sort keys, then reads the page's states.
  const rows =
    fromSearchIndex && dialect === 'sqlite'
      ? await tx
          .selectFrom(ordered.select(['incidents.id', `incidents.${column}`]).as('page'))
          .crossJoin('incidents')
          .whereRef('incidents.id', '=', 'page.id')
          .select('incidents.state')
          .orderBy(`page.${column}`, direction)
          .orderBy('page.id', direction)
          .execute()
      : await ordered.select('incidents.state').execute();
  const states = rows.map((r) => JSON.parse(r.state) as IncidentState);
  return backwards ? states.reverse() : states;
}

/** A listed incident's row without its state: what the page's cursors, the cache of presented items and `allowed` need. */
export interface ListedIncidentRow {
  id: string;
  status: string;
  customer_id: string | null;
  head_hash: string;
  reported_at: string;
  updated_at: string;
  severity_rank: number;
  status_rank: number;
}

/** listIncidents without the states (see presentListedIncidents: they are read only for the items not cached). */
export async function listIncidentRows(
  tx: Tx,
  dialect: Dialect,
  query: IncidentListQuery,
  plan?: SearchPlan | null,
): Promise<ListedIncidentRow[]> {
  const { ordered, backwards } = await pageQuery(tx, dialect, query, plan);
  const rows = await ordered
    .select([
      'incidents.id',
      'incidents.status',
      'incidents.customer_id',
      'incidents.head_hash',
      'incidents.reported_at',
      'incidents.updated_at',
      'incidents.severity_rank',
      'incidents.status_rank',
    ])
    .execute();
  return backwards ? rows.reverse() : rows;
}

/** The value a listed row has in a sort's column (sortValue of its state: the row holds copies of those fields). */
export function rowSortValue(row: ListedIncidentRow, sort: IncidentSort): string | number {
  return row[SORT_COLUMN[sort]];
}

/** The stored states (as text) and heads of these incidents, by id. */
export async function findIncidentStateTexts(tx: Tx, ids: string[]): Promise<Map<string, { state: string; head_hash: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.selectFrom('incidents').select(['id', 'state', 'head_hash']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * How many incidents match, counted up to `cap` + 1 so that a huge match costs no more than `cap` rows. `plan`: the
 * search's plan when the caller made it already (searchPlan).
 */
export async function countIncidents(
  tx: Tx,
  dialect: Dialect,
  filter: IncidentFilter,
  cap: number,
  plan?: SearchPlan | null,
): Promise<number> {
  const search = plan === undefined ? await searchPlan(tx, dialect, filter.q) : plan;
  const count = async (read: 'index' | 'rows') => {
    const capped = matching(tx, dialect, filter, search, read)
      .select(sql<number>`1`.as('one'))
      .limit(cap + 1)
      .as('capped');
    return countRows(tx, capped);
  };
  // PostgreSQL, planned for the list: the matches read were checked against the filters already; a word in many
  // incidents with fewer than cap + 1 of those passing counts on in the search's table alone when its filters allow
  // and enough of the matches passed (narrowCount), else walks the incidents, checking each row, until cap + 1 pass.
  if (search?.visible !== undefined) {
    if (search.fromIndex || search.visible > cap) return Math.min(search.visible, cap + 1);
    return search.narrowCount ? countSearchRows(tx, filter, search.terms, cap) : count('rows');
  }
  // SQLite: always from the index, which hands over matches until cap + 1 pass the other filters.
  if (!search?.matches || search.fromIndex) return count('index');
  // PostgreSQL, a word in many incidents: the matches read for the plan may already be more than the cap once
  // filtered; otherwise walk the table, checking each row, until cap + 1 pass.
  const counted = await count('index');
  return counted > cap ? counted : count('rows');
}

/**
 * The conditions of the filter on PostgreSQL's incident_search row, which holds copies of the incident's filter
 * columns (migration 0021); null when the filter needs the incident itself (`mine`).
 */
function onSearchRow(filter: IncidentFilter) {
  if (filter.mine !== undefined) return null;
  const conditions = [sql<SqlBool>`true`];
  if (filter.visible !== null)
    conditions.push(
      filter.visible.length
        ? sql`(incident_search.customer_id is null or incident_search.customer_id in (${sql.join(filter.visible)}))`
        : sql`incident_search.customer_id is null`,
    );
  if (filter.reader !== null) conditions.push(readableIncident('incident_search.incident_id', filter.reader));
  if (filter.customerId) conditions.push(sql`incident_search.customer_id = ${filter.customerId}`);
  if (filter.status?.length) conditions.push(sql`incident_search.status in (${sql.join(filter.status)})`);
  if (filter.severity?.length) conditions.push(sql`incident_search.severity in (${sql.join(filter.severity)})`);
  if (filter.exercise !== undefined) conditions.push(sql`incident_search.exercise = ${filter.exercise ? 1 : 0}`);
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}

/** PostgreSQL: the search's matches that pass the filter, counted up to cap + 1 in incident_search alone. */
async function countSearchRows(tx: Tx, filter: IncidentFilter, terms: SearchTerms, cap: number): Promise<number> {
  const capped = tx
    .selectFrom('incident_search')
    .select(sql<number>`1`.as('one'))
    .where(textHasEvery(terms.words))
    .where(onSearchRow(filter) ?? sql<SqlBool>`true`)
    .limit(cap + 1)
    .modifyEnd(sql.raw(PLAN_WITH_VALUES))
    .as('capped');
  return countRows(tx, capped);
}

/** How many rows a capped select gives. */
async function countRows(tx: Tx, capped: AliasedSelectQueryBuilder<{ one: number }, 'capped'>): Promise<number> {
  const row = await tx
    .selectFrom(capped)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A common word's count reads on in incident_search alone (narrowCount) when at least this share of the matches
 * read for the plan passed the filters: it then reads about 1,001 / share rows of that narrow table (20,000 at most
 * here, a few milliseconds). Fewer passing (a customer with few incidents, a rare status): the walk of the incidents,
 * which can take the filter's own index, is the cheaper count.
 */
const NARROW_COUNT_MIN_SHARE = 1 / 20;

/**
 * A list request's search, planned once for its page and its count. PostgreSQL reads up to POSTGRES_PROBE_LIMIT + 1
 * of the index's matches with, for each, whether the request's filters let it through and whether it lies past the
 * page's keyset, in the page's order: with few matches that is the count and the page's ids (the page then reads
 * only its own incidents); with many, the count when enough pass, and the page walks the sort index. In the default
 * order, with no `mine`, the filters and the order are read from incident_search's copies (readSearchRows): no
 * incident is looked up to plan. SQLite: see searchPlan.
 */
export async function planListSearch(tx: Tx, dialect: Dialect, query: IncidentListQuery): Promise<SearchPlan | null> {
  if (dialect !== 'postgres') return searchPlan(tx, dialect, query.q);
  const terms = searchTerms(query.q, dialect);
  if (!terms) return null;
  const sort = query.sort ?? 'reported';
  const onRow = onSearchRow(query);
  const read =
    onRow && sort === 'reported' ? await readSearchRows(tx, query, terms, onRow) : await readMatches(tx, dialect, query, terms);
  const fromIndex = read.matches <= POSTGRES_PROBE_LIMIT;
  return {
    terms,
    fromIndex,
    matches: null,
    visible: read.visible,
    pageIds: fromIndex ? read.pageIds : undefined,
    narrowCount: onRow !== null && read.visible >= read.matches * NARROW_COUNT_MIN_SHARE,
  };
}

interface MatchesRead {
  /** How many of the index's matches were read (up to POSTGRES_PROBE_LIMIT + 1). */
  matches: number;
  /** How many of those pass the request's filters. */
  visible: number;
  /** The page's ids among those, in the page's order. */
  pageIds: string[];
}

/** The page's direction, and the keyset's condition on a sort value and an id (true on the first page). */
function keyset(query: IncidentListQuery, value: RawBuilder<unknown>, id: RawBuilder<unknown>) {
  const sort = query.sort ?? 'reported';
  const backwards = query.page?.before ?? false;
  const descending = (query.order ?? DEFAULT_SORT_ORDER[sort]) === 'desc';
  const direction = sql.raw(descending !== backwards ? 'desc' : 'asc');
  const past = sql.raw(descending !== backwards ? '<' : '>');
  const pastPage = query.page
    ? sql`(${value} ${past} ${query.page.value} or (${value} = ${query.page.value} and ${id} ${past} ${query.page.id}))`
    : sql`true`;
  return { direction, pastPage };
}

/**
 * The matches read from incident_search alone, its copies of the filter columns and of the reported time deciding
 * (the default order, with filters that need no more than the incident's own columns): no incident looked up.
 */
async function readSearchRows(
  tx: Tx,
  query: IncidentListQuery,
  terms: SearchTerms,
  onRow: RawBuilder<SqlBool>,
): Promise<MatchesRead> {
  const { direction, pastPage } = keyset(query, sql.ref('incident_search.reported_at'), sql.ref('incident_search.incident_id'));
  // The page's ids are sorted out only for few matches (a CASE runs its sub-select only when taken): with more, the
  // page walks the sort index.
  const { rows } = await sql<{ matches: string; visible: string; page_ids: string[] | null }>`${sql.raw(PLAN_WITH_VALUES)}
    with read as materialized (
      select incident_search.incident_id as id, incident_search.reported_at as sort_value, ${onRow} as visible,
        ${pastPage} as past
      from incident_search where ${textHasEvery(terms.words)} limit ${POSTGRES_PROBE_LIMIT + 1}
    )
    select (select count(*) from read) as matches, (select count(*) from read where visible) as visible,
      case when (select count(*) from read) <= ${POSTGRES_PROBE_LIMIT} then
        (select array_agg(p.id order by p.sort_value ${direction}, p.id ${direction})
         from (select id, sort_value from read where visible and past
               order by sort_value ${direction}, id ${direction} limit ${query.limit}) p) end as page_ids`.execute(tx);
  return { matches: Number(rows[0].matches), visible: Number(rows[0].visible), pageIds: rows[0].page_ids ?? [] };
}

/** The matches read from incident_search, each looked up by id in incidents for the filters and the sort value. */
async function readMatches(tx: Tx, dialect: Dialect, query: IncidentListQuery, terms: SearchTerms): Promise<MatchesRead> {
  const sort = query.sort ?? 'reported';
  const column = sql.ref(`v.${SORT_COLUMN[sort]}`);
  const { direction, pastPage } = keyset(query, column, sql.ref('v.id'));
  // The filters, on the one incident of each match (a lateral join: each match is looked up by its id).
  const visible = matching(tx, dialect, query, null, 'rows')
    .select(['incidents.id', `incidents.${SORT_COLUMN[sort]}`])
    .where(sql<boolean>`incidents.id = m.incident_id`);
  // One row back: how many matches were read, how many pass the filters, and the page's ids among them.
  const { rows } = await sql<{ matches: string; visible: string; page_ids: string[] | null }>`${sql.raw(PLAN_WITH_VALUES)}
    with read as (
      select m.incident_id, v.id as visible_id, ${column} as sort_value, ${pastPage} as past
      from (select incident_search.incident_id from incident_search where ${textHasEvery(terms.words)}
            limit ${POSTGRES_PROBE_LIMIT + 1}) m
      left join lateral (${visible}) v on true
    )
    select (select count(*) from read) as matches, (select count(visible_id) from read) as visible,
      (select array_agg(p.visible_id order by p.sort_value ${direction}, p.visible_id ${direction})
       from (select visible_id, sort_value from read where visible_id is not null and past
             order by sort_value ${direction}, visible_id ${direction} limit ${query.limit}) p) as page_ids`.execute(tx);
  return { matches: Number(rows[0].matches), visible: Number(rows[0].visible), pageIds: rows[0].page_ids ?? [] };
}
