import { EVENT_TYPES } from '../../shared/timeline-events.ts';
import type { Database } from '../core/db/database.ts';
import { storedEventTypes } from '../core/events/events.queries.ts';

const DECLARED: Record<string, readonly string[]> = EVENT_TYPES;

/** The stored events whose type src/shared/timeline-events.ts does not declare for their kind of stream, in words. */
export async function undeclaredEventTypes(database: Pick<Database, 'db'>): Promise<string[]> {
  const stored = await storedEventTypes(database.db);
  return stored.filter((e) => !DECLARED[e.stream_type]?.includes(e.type)).map((e) => `${e.type} (${e.stream_type} stream)`);
}

/**
 * Run as a test database is dropped, so every test that stores events checks them against the vocabulary: the
 * problem in words, or null. A database that was never migrated has no events to check.
 */
export async function vocabularyProblem(open: () => Database): Promise<string | null> {
  const database = open();
  try {
    const undeclared = await undeclaredEventTypes(database);
    if (undeclared.length === 0) return null;
    return `Events of types that src/shared/timeline-events.ts does not declare were stored: ${undeclared.join(', ')}`;
  } catch {
    return null;
  } finally {
    await database.close().catch(() => undefined);
  }
}
