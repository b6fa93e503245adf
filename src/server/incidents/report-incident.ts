import { randomUUIDv7 } from 'node:crypto';
import type { IncidentSource } from '../../shared/incident-vocabulary.ts';
import { type Actor, assertCan } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { chainEvents } from '../core/events/event-store.ts';
import { GENESIS_HASH } from '../core/events/hash-chain.ts';
import { refreshDeadlines } from '../deadlines/refresh-deadlines.ts';
import { projectMetricFacts } from '../metrics/project-metric-facts.ts';
import { decide, type EditableFields, evolve } from './incident.ts';
import { projectAccess } from './incident-access.ts';
import { resolveIncidentCustomer } from './incident-customer.ts';
import { enqueueFollowUps } from './incident-jobs.ts';
import { projectRoles } from './incident-roles.ts';
import type { IncidentState } from './incident-state.ts';
import { nextCounterValue, storeNewIncident, takeCounterValue } from './incidents.queries.ts';

export function formatIncidentKey(year: number, n: number): string {
  return `INC-${year}-${String(n).padStart(4, '0')}`;
}

/** Records a new incident: its key, its first timeline event and its projection commit together. */
export async function reportIncident(
  deps: Deps,
  actor: Actor,
  fields: Partial<EditableFields> & { title: string },
  source: IncidentSource,
): Promise<IncidentState> {
  const now = deps.clock.now();
  const keyNumber = deps.database.dialect === 'postgres' ? await keyNumberAhead(deps, actor, fields, now) : undefined;
  return commit(deps, (tx) => reportIncidentIn(tx, deps, actor, fields, source, now, keyNumber));
}

/**
 * PostgreSQL (several instances): the key's number is taken before the transaction, once the reporter may report
 * there, so that concurrent reports do not wait for each other's commit on the counter's row. A report that fails
 * after this leaves its number unused, as a sequence would.
 */
async function keyNumberAhead(deps: Deps, actor: Actor, fields: Partial<EditableFields>, now: Date): Promise<number> {
  const customerId = fields.customerId ?? null;
  await resolveIncidentCustomer(deps.database.db, deps.database, actor, customerId, fields.serviceIds ?? []);
  assertCan(actor, 'incident.report', { customerId, notFound: `No customer ${customerId}` });
  return takeCounterValue(deps.database.db, `incident-key:${now.getUTCFullYear()}`);
}

/**
 * reportIncident inside the caller's transaction, for use-cases that record an incident together with
 * something else (a triage item opened as an incident), committed through core/commit.ts.
 */
export async function reportIncidentIn(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  fields: Partial<EditableFields> & { title: string },
  source: IncidentSource,
  now: Date,
  keyNumber?: number,
): Promise<IncidentState> {
  const customerId = fields.customerId ?? null;
  const { planVersionId } = await resolveIncidentCustomer(tx, deps.database, actor, customerId, fields.serviceIds ?? []);
  assertCan(actor, 'incident.report', { customerId, notFound: `No customer ${customerId}` });
  const year = now.getUTCFullYear();
  const key = formatIncidentKey(year, keyNumber ?? (await nextCounterValue(tx, deps.database.dialect, `incident-key:${year}`)));
  // Time-ordered ids (UUIDv7): a new incident's row in the id index and its events in the (stream_id, seq)
  // index land next to the previous incident's instead of on a random page, so a commit writes far fewer pages.
  const id = randomUUIDv7();
  const events = decide(null, { type: 'report', id, key, source, fields: { ...fields, planVersionId } }, now);
  const chain = chainEvents(tx, id, { seq: 0, hash: GENESIS_HASH }, events, actor, now, { streamType: 'incident', customerId });
  const next = chain.unstored().reduce<IncidentState | null>(evolve, null) as IncidentState;
  // The events and the incident's row in one statement (PostgreSQL), leaving with the COMMIT; what follows writes in
  // the same transaction and never reads the events' positions.
  const headHash = chain.rows[chain.rows.length - 1].hash;
  await storeNewIncident(tx, deps.database.dialect, chain.rows, next, headHash);
  const stored = chain.unstored();
  await refreshDeadlines(tx, deps, next, stored, now);
  await projectAccess(tx, deps.database.dialect, stored);
  await projectRoles(tx, null, next);
  await projectMetricFacts(tx, null, stored);
  await enqueueFollowUps(tx, next, stored, now);
  return next;
}
