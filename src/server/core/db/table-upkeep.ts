import { sql } from 'kysely';
import type { Database } from './database.ts';

/** How often the tables' changes are looked at: a table that fills from empty is analyzed within this. */
export const UPKEEP_CHECK_MS = 5000;

/**
 * The tables autovacuum leaves alone (it is off for the cluster, or for the table) that are due by autovacuum's own
 * rules: a vacuum past 50 dead rows and 20 % of the table, else an analyze past 50 changed rows and 10 %.
 */
const DUE_TABLES = sql<{ name: string; vacuum: boolean }>`
  select name, vacuum from (
    select s.relname as name,
           s.n_dead_tup > 50 + 0.2 * greatest(c.reltuples, 0) as vacuum,
           s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0) as stale
    from pg_stat_user_tables s join pg_class c on c.oid = s.relid
    where s.schemaname = current_schema()
      and (current_setting('autovacuum') = 'off' or c.reloptions @> array['autovacuum_enabled=false'])
  ) as t
  where vacuum or stale
  order by name`;

/**
 * PostgreSQL: does autovacuum's work on Muster's tables where autovacuum does not (some CI and test clusters, a
 * mistaken setting). With autovacuum on, the default, this does nothing.
 *
 * - Statistics. Each pooled connection plans a statement once and keeps the plan until the statistics of its tables
 *   change. Statistics taken while a table was empty (`vacuumdb --analyze` on a new installation) give a plan for an
 *   empty table, a sequential scan, which stays in use while the table grows: looking up 500 alert fingerprints took
 *   900 ms among 100,000 alerts on such a plan, 5 ms after an ANALYZE, and an alert storm's stored rate fell tenfold.
 * - Dead rows. Every update leaves the old row behind until a vacuum; an alert storm's repeats left 225,000 behind
 *   3,600 live alerts, and single alerts were taken 1.5 × faster after a VACUUM.
 */
export function keepTablesUp(database: Database, log: { warn(obj: unknown, msg?: string): void }) {
  let warned = false;
  let running: Promise<void> | null = null;
  const check = async () => {
    const { rows } = await DUE_TABLES.execute(database.db);
    if (rows.length > 0 && !warned) {
      warned = true;
      log.warn(
        { tables: rows.map((r) => r.name) },
        'autovacuum is off for these tables: Muster vacuums and analyzes them itself as they change; turn autovacuum on',
      );
    }
    // SKIP_LOCKED: another instance (or an operator) at it already is as good.
    for (const { name, vacuum } of rows) {
      if (vacuum) await sql`vacuum (skip_locked, analyze) ${sql.table(name)}`.execute(database.db);
      else await sql`analyze (skip_locked) ${sql.table(name)}`.execute(database.db);
    }
  };
  const timer = setInterval(() => {
    running ??= check()
      .catch((err) => log.warn({ err }, 'could not vacuum or analyze the tables that changed; will try again'))
      .finally(() => {
        running = null;
      });
  }, UPKEEP_CHECK_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
