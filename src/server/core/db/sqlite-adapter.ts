import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

type Param = null | number | bigint | string | Uint8Array;

/** node:sqlite cannot bind booleans; store them as 0/1 like SQLite itself does. */
function bindable(parameters: ReadonlyArray<unknown>): Param[] {
  return parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : (p as Param)));
}

/**
 * Gives Kysely's SqliteDialect the database interface it expects, over node:sqlite.
 * Prepared statements are cached by SQL text: Kysely emits the same few statements over and over.
 */
export function adaptNodeSqlite(file: string): SqliteDatabase & { raw: DatabaseSync } {
  const raw = new DatabaseSync(file);
  const cache = new Map<string, SqliteStatement>();
  return {
    raw,
    close: () => raw.close(),
    prepare(sqlText: string): SqliteStatement {
      let statement = cache.get(sqlText);
      if (statement) return statement;
      const prepared: StatementSync = raw.prepare(sqlText);
      statement = {
        reader: prepared.columns().length > 0,
        all: (parameters) => prepared.all(...bindable(parameters)),
        run: (parameters) => prepared.run(...bindable(parameters)),
        iterate: (parameters) => prepared.iterate(...bindable(parameters)),
      };
      if (cache.size > 1000) cache.clear();
      cache.set(sqlText, statement);
      return statement;
    },
  };
}
