import { sql } from 'kysely';
import type { Database } from './database.ts';

/** How often the tables' changes are looked at: a table that fills from empty is analyzed within this. */
export const STATISTICS_CHECK_MS = 5000;

/**
 * The tables autovacuum leaves alone (it is off for the cluster, or for the table) that changed enough since their
 * last ANALYZE to be analyzed by autovacuum's own rule: more than 50 rows and 10 % of the table.
 */
const STALE_TABLES = sql<{ name: string }>`
  select s.relname as name
  from pg_stat_user_tables s join pg_class c on c.oid = s.relid
  where s.schemaname = current_schema()
    and (current_setting('autovacuum') = 'off' or c.reloptions @> array['autovacuum_enabled=false'])
    and s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
  order by s.relname`;

/**
 * PostgreSQL: keeps the planner's statistics of Muster's tables where autovacuum does not.
 *
 * Each pooled connection plans a statement once and keeps the plan until the statistics of its tables change. On a
 * new installation those statistics say "empty", so the plan fits an empty table (a sequential scan), and without
 * autovacuum nothing ever tells the connection otherwise while the table grows: looking up 1,000 alert fingerprints
 * took 7 s at 300,000 alerts on a plan cached while the table was empty, 2 ms on a fresh connection, and an alert
 * storm's stored rate fell a hundredfold. An ANALYZE updates the statistics and so makes every connection plan
 * again. With autovacuum on (the default) this does nothing.
 */
export function keepTableStatistics(database: Database, log: { warn(obj: unknown, msg?: string): void }) {
  let warned = false;
  let running: Promise<void> | null = null;
  const check = async () => {
    const { rows } = await STALE_TABLES.execute(database.db);
    if (rows.length > 0 && !warned) {
      warned = true;
      log.warn(
        { tables: rows.map((r) => r.name) },
        'autovacuum is off for these tables: Muster analyzes them as they grow, but nothing reclaims their dead rows; turn autovacuum on',
      );
    }
    // SKIP_LOCKED: another instance (or a manual ANALYZE) at it already is as good.
    for (const { name } of rows) await sql`analyze (skip_locked) ${sql.table(name)}`.execute(database.db);
  };
  const timer = setInterval(() => {
    running ??= check()
      .catch((err) => log.warn({ err }, 'could not analyze the tables that changed; will try again'))
      .finally(() => {
        running = null;
      });
  }, STATISTICS_CHECK_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
