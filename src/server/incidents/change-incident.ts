import type { IncidentEvent } from '../../shared/timeline-events.ts';
import { projectActions } from '../actions/project-actions.ts';
import { type Actor, assertCan } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Tx } from '../core/db/transaction.ts';
import { isUniqueViolation } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { chainEvents, type StoredEvent } from '../core/events/event-store.ts';
import { openClocksOf } from '../deadlines/incident-snapshot.ts';
import { refreshDeadlines } from '../deadlines/refresh-deadlines.ts';
import { projectMetricFacts } from '../metrics/project-metric-facts.ts';
import { projectReview } from '../reviews/project-review.ts';
import { reviewGateOf, reviewGateOnEntering } from '../reviews/review-gate.ts';
import { projectTasks } from '../tasks/project-tasks.ts';
import { decide, evolve, type IncidentCommand } from './incident.ts';
import { assertIncidentAccess, projectAccess } from './incident-access.ts';
import {
  cachedIncident,
  forgetIncident,
  inTurn,
  markWrittenElsewhere,
  rememberIncident,
  writtenElsewhereLately,
} from './incident-cache.ts';
import { resolveIncidentCustomer } from './incident-customer.ts';
import { enqueueFollowUps } from './incident-jobs.ts';
import { projectRoles } from './incident-roles.ts';
import type { IncidentState } from './incident-state.ts';
import {
  findIncident,
  type IncidentRecord,
  isMovedOn,
  storeIncidentChange,
  storeIncidentChangeAhead,
} from './incidents.queries.ts';

type ChangeCommand = Exclude<IncidentCommand, { type: 'report' }>;

class VersionRace extends Error {}
/** What was decided on a remembered state needs deciding again on the incident as it is (read from the database). */
class ReadAfresh extends Error {}

const MAX_ATTEMPTS = 5;

/**
 * Applies a command to an existing incident: load, decide, append and project in one transaction.
 * With expectedVersion the caller asks for optimistic concurrency (409 when stale); without it a
 * concurrent writer only causes a reload and retry, so no update is ever lost.
 */
export function changeIncident(
  deps: Deps,
  actor: Actor,
  idOrKey: string,
  command: ChangeCommand,
  expectedVersion?: number,
): Promise<{ state: IncidentState; events: StoredEvent<IncidentEvent>[] }> {
  return appendToIncident(deps, actor, idOrKey, {
    expectedVersion,
    decideOnlyReads: true,
    decide: async (tx, state, now) => {
      const checked = await withCustomerChecked(tx, deps, actor, state, command);
      return decide(state, await withOpenClocks(tx, deps, state, checked, now), now);
    },
  });
}

/** A change to an incident decided by another domain (notifications, deadlines) from the incident's current state. */
export interface IncidentChange {
  /** The events to append; none: nothing happens. Runs inside the transaction and again on a retry. */
  decide(tx: Tx, state: IncidentState, now: Date): Promise<IncidentEvent[]> | IncidentEvent[];
  /** decide writes nothing, so it may run again in the same transaction on a newer state. */
  decideOnlyReads?: boolean;
  /** The other writes of the same transaction (their own tables, jobs), after the incident's. */
  alongside?(tx: Tx, next: IncidentState, events: StoredEvent<IncidentEvent>[], now: Date): Promise<void>;
  expectedVersion?: number;
  /** Replaces the usual check (may change it, and is on the list of a TLP:RED incident); break-glass uses it. */
  authorize?(tx: Tx, state: IncidentState): Promise<void>;
  /** Another domain's transaction to append in (a plan publication completing review actions): no cache, no retry. */
  within?: Tx;
}

/**
 * The one way events reach an incident's timeline: the state, the events, the projections (incident, deadlines,
 * tasks) and the jobs the change needs commit together; a concurrent writer causes a reload and a new decision.
 */
export async function appendToIncident(
  deps: Deps,
  actor: Actor,
  idOrKey: string,
  change: IncidentChange,
): Promise<{ state: IncidentState; events: StoredEvent<IncidentEvent>[] }> {
  const { expectedVersion } = change;
  let incidentId: string | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const run = <T>(fn: (tx: Tx) => Promise<T>) =>
        change.within ? fn(change.within) : inTurn(deps.database, idOrKey, () => commit(deps, fn));
      const done = await run(async (tx) => {
        // Retries read the database.
        const cached = change.within || attempt > 1 ? undefined : cachedIncident(deps.database, idOrKey);
        // A remembered state the caller already knows to be old is not worth a try.
        const usable = cached && (expectedVersion === undefined || cached.state.version === expectedVersion);
        const record = usable ? cached : await findIncident(tx, deps.database.dialect, idOrKey, true);
        if (!record) throw new AppError('not_found', `No incident ${idOrKey}`);
        // On PostgreSQL another instance may have moved the incident on: only a write checks the remembered state,
        // so a refusal or "nothing to do" decided on it is decided again on the incident as it is.
        const unchecked = Boolean(usable) && deps.database.dialect === 'postgres';
        // Sent ahead with the COMMIT only while no other instance writes the incident: when one does, the remembered
        // state is often found moved on, which costs a rollback and a read where the statement below decides again.
        incidentId = record.state.id;
        const ahead = unchecked && !writtenElsewhereLately(deps.database, incidentId);
        const stored = await decideAndStore(tx, deps, actor, idOrKey, change, record, ahead).catch((error: unknown) => {
          throw unchecked && error instanceof AppError ? new ReadAfresh() : error;
        });
        if (unchecked && 'events' in stored && stored.events.length === 0) throw new ReadAfresh();
        if (!('movedOn' in stored)) return stored;
        // Another instance moved the incident on since this one remembered it. Nothing was written but what decide
        // may have: when it only reads, decide again on the incident as it is now (its row is locked by this
        // transaction, so no third try); otherwise roll back and retry.
        forgetIncident(deps.database, idOrKey);
        if (!change.decideOnlyReads) throw new VersionRace();
        const again = await decideAndStore(tx, deps, actor, idOrKey, change, stored.movedOn, false);
        if ('movedOn' in again) throw new VersionRace();
        return again;
      });
      // Stored ahead: the events' positions came with the COMMIT.
      return 'storing' in done ? { state: done.state, events: await done.storing } : done;
    } catch (error) {
      forgetIncident(deps.database, idOrKey);
      // Another instance had moved the incident on past the state this one remembered (see decideAndStore).
      if (isMovedOn(error)) {
        markWrittenElsewhere(deps.database, incidentId ?? idOrKey);
        continue;
      }
      if (error instanceof ReadAfresh) continue;
      const race = error instanceof VersionRace || isUniqueViolation(error);
      if (!race) throw error;
      if (expectedVersion !== undefined || change.within || attempt >= MAX_ATTEMPTS) {
        throw new AppError('conflict', 'The incident is being changed by someone else right now; try again');
      }
    }
  }
}

type Decided =
  | { state: IncidentState; events: StoredEvent<IncidentEvent>[] }
  /** Stored ahead: the events, with their positions once the transaction has committed. */
  | { state: IncidentState; storing: Promise<StoredEvent<IncidentEvent>[]> }
  /** Nothing written: the incident had moved past the state decided on; as it is now, its row locked. */
  | { movedOn: IncidentRecord };

/**
 * One decision on a known state of the incident, stored with its projections; movedOn when the incident had moved
 * past that state and nothing was written (PostgreSQL): the incident as it is now, its row locked.
 * remembered (PostgreSQL: the state is what this instance last wrote, most likely still the incident's): the
 * change is sent ahead, to leave with the COMMIT in one round trip; if the incident had moved on, the statement
 * fails and the whole transaction rolls back (isMovedOn), and the change is tried again on the incident as it is.
 */
async function decideAndStore(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  idOrKey: string,
  change: IncidentChange,
  { state, headHash }: IncidentRecord,
  remembered: boolean,
): Promise<Decided> {
  const { expectedVersion } = change;
  if (change.authorize) await change.authorize(tx, state);
  else await assertIncidentAccess(tx, actor, state, 'incident.change', `No incident ${idOrKey}`);
  if (expectedVersion !== undefined && expectedVersion !== state.version) {
    throw new AppError(
      'conflict',
      `The incident changed since you loaded it (version ${expectedVersion}, now ${state.version}); reload and try again`,
      'expectedVersion',
    );
  }
  const now = deps.clock.now();
  const newEvents = await change.decide(tx, state, now);
  if (newEvents.length === 0) return { state, events: [] as StoredEvent<IncidentEvent>[] };
  const head = { seq: state.version, hash: headHash };
  const moved = newEvents.flatMap((e) => (e.type === 'incident.updated' ? [e.data.changes] : [])).find((c) => 'customerId' in c);
  const chain = chainEvents(tx, state.id, head, newEvents, actor, now, {
    streamType: 'incident',
    customerId: moved ? (moved.customerId ?? null) : state.customerId,
  });
  const newHead = chain.rows[chain.rows.length - 1].hash;
  const next = chain.unstored().reduce(evolve, state);
  // The events and the incident's row in one statement (PostgreSQL); the version guard holds for both.
  const ahead = remembered ? storeIncidentChangeAhead(tx, chain.rows, next, newHead, state) : null;
  if (ahead) {
    const storing = ahead.then((positions) => chain.stored(positions));
    // When it fails, the transaction fails with its error, and storing is never awaited.
    storing.catch(() => {});
    // What follows writes in the same transaction; it never reads the events' positions.
    await project(tx, deps, change, state, next, chain.unstored(), now);
    rememberIncident(deps.database, { state: next, headHash: newHead });
    return { state: next, storing };
  }
  const positions = await storeIncidentChange(tx, deps.database.dialect, chain.rows, next, newHead, state);
  if (!positions) throw new VersionRace();
  if ('movedOn' in positions) return positions;
  const events = chain.stored(positions);
  await project(tx, deps, change, state, next, events, now);
  // Another domain's transaction may still roll back: the next change reads the database.
  if (change.within) forgetIncident(deps.database, idOrKey);
  else rememberIncident(deps.database, { state: next, headHash: newHead });
  return { state: next, events };
}

/** The projections of an incident's change and the other writes of its transaction, after the incident's own. */
async function project(
  tx: Tx,
  deps: Deps,
  change: IncidentChange,
  state: IncidentState,
  next: IncidentState,
  events: StoredEvent<IncidentEvent>[],
  now: Date,
): Promise<void> {
  await refreshDeadlines(tx, deps, next, events, now);
  await projectAccess(tx, deps.database.dialect, events);
  await projectRoles(tx, state, next);
  await projectTasks(tx, state, next, events, now);
  await projectReview(tx, state, next, events);
  await projectActions(tx, state, next, events, now);
  await projectMetricFacts(tx, state, events);
  await enqueueFollowUps(tx, next, events, now);
  await change.alongside?.(tx, next, events, now);
}

/**
 * Moving an incident to another customer needs the right to change incidents there too, and links that
 * customer's plan in force; the affected services must belong to the incident's customer.
 */
async function withCustomerChecked(tx: Tx, deps: Deps, actor: Actor, state: IncidentState, command: ChangeCommand) {
  if (command.type !== 'update') return command;
  const { customerId, serviceIds } = command.changes;
  if (customerId === undefined && serviceIds === undefined) return command;
  const target = customerId === undefined ? state.customerId : customerId;
  const moving = target !== state.customerId;
  const services = serviceIds ?? (moving ? [] : state.serviceIds);
  const { planVersionId } = await resolveIncidentCustomer(tx, deps.database, actor, target, services);
  if (!moving) return command;
  assertCan(actor, 'incident.change', { customerId: target, notFound: `No customer ${target}` });
  return { ...command, changes: { ...command.changes, serviceIds: services, planVersionId } };
}

/**
 * Closing is decided with the obligation clocks still open in the incident's plan and what its review says;
 * entering review with whether the review it opens is required (the rules themselves are pure).
 */
async function withOpenClocks(tx: Tx, deps: Deps, state: IncidentState, command: ChangeCommand, now: Date) {
  if (command.type !== 'transition' || (command.to !== 'closed' && command.to !== 'reviewing')) return command;
  const { dialect } = deps.database;
  if (command.to === 'reviewing') return { ...command, review: await reviewGateOnEntering(tx, dialect, state, now) };
  return {
    ...command,
    openClocks: await openClocksOf(tx, dialect, state, now),
    review: await reviewGateOf(tx, dialect, state, now),
  };
}
