import { type Actor, assertCan } from '../auth/policy.ts';
import { isUniqueViolation, withTransaction } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { appendEvents, type StoredEvent } from '../core/events/event-store.ts';
import { decide, evolve, type IncidentCommand } from './incident.ts';
import { cachedIncident, forgetIncident, rememberIncident } from './incident-cache.ts';
import type { IncidentState } from './incident-state.ts';
import { findIncident, updateIncident } from './incidents.queries.ts';

class VersionRace extends Error {}

const MAX_ATTEMPTS = 5;

/**
 * Applies a command to an existing incident: load, decide, append and project in one transaction.
 * With expectedVersion the caller asks for optimistic concurrency (409 when stale); without it a
 * concurrent writer only causes a reload and retry, so no update is ever lost.
 */
export async function changeIncident(
  deps: Deps,
  actor: Actor,
  idOrKey: string,
  command: Exclude<IncidentCommand, { type: 'report' }>,
  expectedVersion?: number,
): Promise<{ state: IncidentState; events: StoredEvent[] }> {
  assertCan(actor, 'incident.change');
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await withTransaction(deps.database, async (tx) => {
        const record = cachedIncident(deps.database, idOrKey) ?? (await findIncident(tx, deps.database.dialect, idOrKey, true));
        if (!record) throw new AppError('not_found', `No incident ${idOrKey}`);
        const { state, headHash } = record;
        if (expectedVersion !== undefined && expectedVersion !== state.version) {
          throw new AppError(
            'conflict',
            `The incident changed since you loaded it (version ${expectedVersion}, now ${state.version}); reload and try again`,
            'expectedVersion',
          );
        }
        const now = deps.clock.now();
        const newEvents = decide(state, command, now);
        if (newEvents.length === 0) return { state, events: [] };
        const head = { seq: state.version, hash: headHash };
        const events = await appendEvents(tx, deps.database.dialect, state.id, head, newEvents, actor, now);
        const next = events.reduce(evolve, state);
        if (!(await updateIncident(tx, deps.database.dialect, next, events[events.length - 1].hash, state)))
          throw new VersionRace();
        rememberIncident(deps.database, { state: next, headHash: events[events.length - 1].hash });
        return { state: next, events };
      });
      if (result.events.length) deps.feed.notify();
      return result;
    } catch (error) {
      forgetIncident(deps.database, idOrKey);
      const race = error instanceof VersionRace || isUniqueViolation(error);
      if (!race) throw error;
      if (expectedVersion !== undefined || attempt >= MAX_ATTEMPTS) {
        throw new AppError('conflict', 'The incident is being changed by someone else right now; try again');
      }
    }
  }
}
