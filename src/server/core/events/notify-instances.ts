import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

// At most one wake-up per this interval from one instance: the live feed reads the table, not the messages, so
// fewer wake-ups lose nothing, and each one costs every listening instance's backend and feed a turn.
const MIN_INTERVAL_MS = 5;
const state = new WeakMap<Database, { sending: boolean; again: boolean }>();

/**
 * PostgreSQL: after appends have committed, wakes the live feed of every instance (LISTEN muster_events) with one
 * NOTIFY of its own. It is sent outside the appending transactions on purpose: a NOTIFY inside a transaction takes
 * the server-wide notification queue lock at commit and holds it through the WAL flush, so every appending commit
 * in the installation waited for the one before. Wake-ups are coalesced: while one is on its way, any number of
 * commits make one more, sent MIN_INTERVAL_MS after it. A lost wake-up is covered by the feed's slow poll.
 */
export function notifyInstances(database: Database): void {
  if (database.dialect !== 'postgres') return;
  let s = state.get(database);
  if (!s) {
    s = { sending: false, again: false };
    state.set(database, s);
  }
  if (s.sending) {
    s.again = true;
    return;
  }
  s.sending = true;
  const current = s;
  sql`select pg_notify('muster_events', '')`
    .execute(database.db)
    .catch((error: Error) => process.emitWarning(`Could not wake the other instances: ${error.message}`))
    .finally(() =>
      setTimeout(() => {
        current.sending = false;
        if (current.again) {
          current.again = false;
          notifyInstances(database);
        }
      }, MIN_INTERVAL_MS).unref(),
    );
}
