import type { Database } from '../core/db/database.ts';
import type { IncidentRecord } from './incidents.queries.ts';

const MAX_RECORDS = 5000;
const caches = new WeakMap<Database, Map<string, IncidentRecord>>();

/**
 * On SQLite this process is the one writer, so the state it last wrote for an incident is the current one and
 * the read before each change can be skipped. Nothing trusts the cache blindly: the version guard on update
 * catches any other writer, and every failure forgets the entry so that the retry reads the database.
 * On PostgreSQL (several instances) there is no cache.
 */
export function cachedIncident(database: Database, idOrKey: string): IncidentRecord | undefined {
  return caches.get(database)?.get(idOrKey.toUpperCase());
}

export function rememberIncident(database: Database, record: IncidentRecord): void {
  if (database.dialect !== 'sqlite') return;
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
