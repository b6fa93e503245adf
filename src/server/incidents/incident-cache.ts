import type { Database } from '../core/db/database.ts';
import type { IncidentRecord } from './incidents.queries.ts';

const MAX_RECORDS = 5000;
const caches = new WeakMap<Database, Map<string, IncidentRecord>>();

/**
 * The state this process last wrote for an incident, so that the read before the next change can be skipped. On
 * SQLite this process is the one writer, so it is the current state. On PostgreSQL another instance may have moved
 * the incident on; the change's statement then writes nothing (its version guard) and the change reads the
 * incident and decides again, in the same transaction. Nothing trusts the cache blindly: every failure forgets the
 * entry, so that the retry reads the database.
 */
export function cachedIncident(database: Database, idOrKey: string): IncidentRecord | undefined {
  return caches.get(database)?.get(idOrKey.toUpperCase());
}

export function rememberIncident(database: Database, record: IncidentRecord): void {
  let cache = caches.get(database);
  if (!cache) {
    cache = new Map();
    caches.set(database, cache);
  }
  if (cache.size > 2 * MAX_RECORDS) cache.clear();
  cache.set(record.state.id.toUpperCase(), record);
  cache.set(record.state.key, record);
}

export function forgetIncident(database: Database, idOrKey: string): void {
  const cache = caches.get(database);
  const record = cache?.get(idOrKey.toUpperCase());
  if (!cache || !record) return;
  cache.delete(record.state.id.toUpperCase());
  cache.delete(record.state.key);
}

/** Forgets the incidents another instance changed (by id), or every incident ('any': which is not known). */
export function forgetIncidents(database: Database, ids: ReadonlySet<string> | 'any'): void {
  if (ids === 'any') caches.get(database)?.clear();
  else
    for (const id of ids) {
      forgetIncident(database, id);
      markWrittenElsewhere(database, id);
    }
}

const SHARED_FOR_MS = 1000;
const writtenElsewhere = new WeakMap<Database, Map<string, number>>();

/**
 * Another instance changed the incident: its wake-up named it, or a change here found it moved on. For a second,
 * a change here does not count on the state this instance remembers being the incident's (see decideAndStore).
 */
export function markWrittenElsewhere(database: Database, id: string): void {
  let marks = writtenElsewhere.get(database);
  if (!marks) {
    marks = new Map();
    writtenElsewhere.set(database, marks);
  }
  if (marks.size > MAX_RECORDS) marks.clear();
  marks.set(id.toUpperCase(), Date.now());
}

/** Whether another instance changed the incident (by id) in the last second. */
export function writtenElsewhereLately(database: Database, id: string): boolean {
  const at = writtenElsewhere.get(database)?.get(id.toUpperCase());
  return at !== undefined && Date.now() - at < SHARED_FOR_MS;
}

const turns = new WeakMap<Database, Map<string, Promise<void>>>();

/**
 * Runs the changes of one incident in this process one after another (PostgreSQL; SQLite's one writer already
 * does). Concurrent changes would all start from the same remembered state, and all but one would find the
 * incident moved on, read it and wait for its row; in turn, each starts from the state the one before it wrote,
 * and they hold one pooled connection between them instead of one each.
 */
export function inTurn<T>(database: Database, idOrKey: string, work: () => Promise<T>): Promise<T> {
  if (database.dialect !== 'postgres') return work();
  let queue = turns.get(database);
  if (!queue) {
    queue = new Map();
    turns.set(database, queue);
  }
  const key = idOrKey.toUpperCase();
  const result = (queue.get(key) ?? Promise.resolve()).then(work);
  const done = result.then(
    () => {},
    () => {},
  );
  queue.set(key, done);
  void done.then(() => {
    if (queue.get(key) === done) queue.delete(key);
  });
  return result;
}
