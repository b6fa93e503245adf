import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { sql } from 'kysely';
import type { Database } from './database.ts';

const stampStatements = new WeakMap<DatabaseSync, StatementSync>();

/**
 * SQLite: a value that changes whenever anything in the database may have changed, by this connection (its count
 * of rows changed, which rolled-back changes raise as well) or by another one (data_version).
 */
export function sqliteChangeStamp(raw: DatabaseSync): string {
  let statement = stampStatements.get(raw);
  if (!statement) {
    statement = raw.prepare('select total_changes() as c, data_version as v from pragma_data_version');
    stampStatements.set(raw, statement);
  }
  const row = statement.get() as { c: number; v: number };
  return `${row.c}/${row.v}`;
}

/**
 * A value that is the same at two moments only if nothing a reader can see changed in between, or null when it
 * cannot be told (a read inside an open SQLite transaction may see that transaction's own rows).
 *
 * PostgreSQL: the current snapshot (xmin:xmax:running ids). Two equal snapshots see the same committed data: a
 * commit removes a running id or, for a transaction begun since, raises xmax; reads assign no ids. Writes in other
 * databases of the cluster move it too, which only costs a fresh read.
 */
export async function changeStamp(database: Database): Promise<string | null> {
  const raw = database.sqlite;
  if (raw) return raw.isTransaction ? null : sqliteChangeStamp(raw);
  const { rows } = await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(database.db);
  return rows[0].s;
}
