import type { Database } from '../core/db/database.ts';
import { keptUntilChanged } from '../core/db/kept-until-changed.ts';
import { countIncidents, type IncidentFilter } from './incident-list.queries.ts';
import type { SearchPlan } from './incident-search.queries.ts';

/**
 * countIncidents, kept until anything in the database changes: each page of a list counted up to `cap` matches
 * again (1,001 rows read for a large list) although nothing had moved.
 */
export function countMatches(database: Database, filter: IncidentFilter, cap: number, plan?: SearchPlan | null): Promise<number> {
  return keptUntilChanged(database, `count ${cap} ${JSON.stringify(filter)}`, async () => ({
    value: await countIncidents(database.db, database.dialect, filter, cap, plan),
    keep: true,
  }));
}
