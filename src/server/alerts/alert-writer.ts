import { commit } from '../core/commit.ts';
import type { Database } from '../core/db/database.ts';
import type { Deps } from '../core/deps.ts';
import { nextTurn, TURN_FREE_ITEMS } from '../core/event-loop.ts';
import type { AlertOrigin } from './grouping.ts';
import type { PlannedAlert } from './normalize-alert.ts';
import { mergePlanned, type StoredAlerts, storeAlerts } from './store-alerts.ts';

/** A request's alerts for the writer; onTaken is told when they go into a write. */
export interface AlertsToWrite {
  origin: AlertOrigin;
  planned: PlannedAlert[];
  onTaken?: () => void;
}

interface Waiting extends AlertsToWrite {
  resolve(stored: StoredAlerts): void;
  reject(error: unknown): void;
}

/**
 * Alerts written in one transaction at most; more waits for the next. One full batch: on SQLite the commit runs
 * on the event loop, and a larger one held up every other request for hundreds of milliseconds.
 */
const MAX_ALERTS_PER_WRITE = 5_000;
const writers = new WeakMap<Database, { waiting: Waiting[]; writing: boolean }>();

/**
 * Group commit for alerts: requests that arrive while a write is under way are written together in the next
 * transaction, each source's alerts merged by fingerprint. One commit then carries many requests, and a group's
 * counts move once per commit instead of once per request (on PostgreSQL, its row would otherwise be a queue).
 * Resolves after the commit, with what was stored for the source's fingerprints (the request's among them).
 */
export function writeAlerts(deps: Deps, toWrite: AlertsToWrite): Promise<StoredAlerts> {
  let writer = writers.get(deps.database);
  if (!writer) {
    writer = { waiting: [], writing: false };
    writers.set(deps.database, writer);
  }
  const w = writer;
  return new Promise((resolve, reject) => {
    w.waiting.push({ ...toWrite, resolve, reject });
    if (!w.writing) void drain(deps, w);
  });
}

async function drain(deps: Deps, writer: { waiting: Waiting[]; writing: boolean }): Promise<void> {
  writer.writing = true;
  try {
    while (writer.waiting.length > 0) {
      // Let requests being parsed right now join this write.
      await new Promise((resolve) => setImmediate(resolve));
      const batch: Waiting[] = [];
      let alerts = 0;
      while (
        writer.waiting.length > 0 &&
        (batch.length === 0 || alerts + writer.waiting[0].planned.length <= MAX_ALERTS_PER_WRITE)
      ) {
        const next = writer.waiting.shift() as Waiting;
        alerts += next.planned.length;
        next.onTaken?.();
        batch.push(next);
      }
      const bySource = new Map<string, { origin: AlertOrigin; parts: PlannedAlert[][] }>();
      for (const w of batch) {
        const entry = bySource.get(w.origin.sourceId) ?? { origin: w.origin, parts: [] };
        entry.parts.push(w.planned);
        bySource.set(w.origin.sourceId, entry);
      }
      try {
        const now = deps.clock.now();
        const stored = await commit(deps, async (tx) => {
          const stored = new Map<string, StoredAlerts>();
          for (const [sourceId, { origin, parts }] of bySource) {
            stored.set(sourceId, await storeAlerts(tx, deps, origin, mergePlanned(parts), now));
          }
          return stored;
        });
        // Each request answers in its own turn: its receipts and its reply are a few milliseconds each.
        for (const w of batch) {
          w.resolve(stored.get(w.origin.sourceId) as StoredAlerts);
          if (w.planned.length > TURN_FREE_ITEMS) await nextTurn();
        }
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
  } finally {
    writer.writing = false;
  }
}
