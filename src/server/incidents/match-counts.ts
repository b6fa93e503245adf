import type { Database } from '../core/db/database.ts';
import { countIncidents, type IncidentFilter, sqliteChangeStamp } from './incident-list.queries.ts';
import type { SearchPlan } from './incident-search.queries.ts';

const MAX_COUNTS = 1000;
const caches = new WeakMap<Database, { stamp: string; counts: Map<string, number> }>();

/**
 * countIncidents, kept between requests on SQLite until anything in the database changes: each page of a list
 * counted up to `cap` matches again (1,001 rows read for a large list) although nothing had moved. On SQLite the
 * stamp of changes is exact (this connection's changes, and data_version for other processes'); reads inside an
 * open transaction, which may see its uncommitted rows, count afresh and keep nothing. PostgreSQL always counts.
 */
export async function countMatches(
  database: Database,
  filter: IncidentFilter,
  cap: number,
  plan?: SearchPlan | null,
): Promise<number> {
  const raw = database.sqlite;
  if (!raw || raw.isTransaction) return countIncidents(database.db, database.dialect, filter, cap, plan);
  // Taken before counting: a change made while the count runs moves the stamp, so what is kept is never reused.
  const stamp = sqliteChangeStamp(raw);
  let cache = caches.get(database);
  if (!cache || cache.stamp !== stamp) {
    cache = { stamp, counts: new Map() };
    caches.set(database, cache);
  }
  const key = `${cap} ${JSON.stringify(filter)}`;
  const kept = cache.counts.get(key);
  if (kept !== undefined) return kept;
  const counts = cache.counts;
  const n = await countIncidents(database.db, database.dialect, filter, cap, plan);
  if (counts.size >= MAX_COUNTS) counts.clear();
  counts.set(key, n);
  return n;
}
