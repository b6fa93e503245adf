import type { CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Dialect } from './database.ts';
import type { DB } from './schema.ts';
import { writeAhead, writeUnanswered } from './transaction.ts';

const SLOT = '\u0000slot:';

/**
 * A placeholder for a value bound at run time. Typed never so that it fits wherever the query wants a value:
 * what it stands for is only known when run() binds it.
 */
type Slot = (name: string) => never;

// The placeholder is the marked name as text; run() swaps it for the value before the query reaches the driver.
const slot = ((name: string) => SLOT + name) as Slot;

/**
 * A query built and compiled once per dialect (and shape), then run with new values. For the few statements on
 * every write's path, where building and compiling the query each time cost more than running it.
 * build() writes slot('name') wherever a value goes; run() binds values by those names.
 */
export function prepared<R = unknown>(
  build: (db: Kysely<DB>, slot: Slot, dialect: Dialect, shape: number) => { compile(): CompiledQuery<R> },
) {
  const cache = new Map<string, { query: CompiledQuery<R>; slots: (string | null)[] }>();
  function bind(db: Kysely<DB>, dialect: Dialect, values: object, shape: number): CompiledQuery<R> {
    const key = `${dialect}:${shape}`;
    let entry = cache.get(key);
    if (!entry) {
      const query = build(db, slot, dialect, shape).compile();
      const slots = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(SLOT) ? p.slice(SLOT.length) : null));
      entry = { query, slots };
      cache.set(key, entry);
    }
    const { query, slots } = entry;
    const parameters = slots.map((slot, i) => (slot === null ? query.parameters[i] : (values as Record<string, unknown>)[slot]));
    return { ...query, parameters };
  }
  function run(db: Kysely<DB>, dialect: Dialect, values: object, shape = 0): Promise<QueryResult<R>> {
    return db.executeQuery<R>(bind(db, dialect, values, shape));
  }
  /** run sent ahead in a PostgreSQL transaction, answered with its COMMIT: see writeAhead. */
  run.ahead = (db: Kysely<DB>, dialect: Dialect, values: object, shape = 0): Promise<QueryResult<R>> | null =>
    writeAhead<R>(db, bind(db, dialect, values, shape));
  /** run for a write whose answer nothing waits for: see writeUnanswered. */
  run.unanswered = (db: Kysely<DB>, dialect: Dialect, values: object, shape = 0): Promise<void> =>
    writeUnanswered(db, { compile: () => bind(db, dialect, values, shape) });
  return run;
}
