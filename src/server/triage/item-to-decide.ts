import type { TriageEventType } from '../../shared/timeline-events.ts';
import type { TriageEventData } from '../../shared/triage-events.ts';
import type { Actor } from '../auth/policy.ts';
import { assertCan } from '../auth/policy.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { AppError } from '../core/errors.ts';
import { findTriageItemForUpdate, type TriageItemRow, updateTriageItem } from './triage.queries.ts';
import { recordTriageEvent } from './triage-events.ts';

/** A triage item the actor may decide on (open, attach, dismiss): it exists, is visible, and is theirs to change. */
export async function itemToDecide(tx: Tx, dialect: Dialect, actor: Actor, id: string): Promise<TriageItemRow> {
  const item = await findTriageItemForUpdate(tx, dialect, id);
  // Missing first: a missing item and another customer's both answer 404, never 403.
  if (!item) throw new AppError('not_found', `No triage item ${id}`);
  assertCan(actor, 'incident.report', { customerId: item.customer_id, notFound: `No triage item ${id}` });
  return item;
}

export function assertNotDecided(item: TriageItemRow, incidentKey: string | null): void {
  if (item.status === 'incident') {
    throw new AppError('conflict', `This was already taken into incident ${incidentKey ?? item.incident_id}`);
  }
}

/**
 * Records a decision on an item: its new status (and whatever else changes) with who and when, and the event on
 * the item's own stream, in the caller's transaction. Returns the item as it now is.
 */
export async function recordDecision<T extends TriageEventType>(
  tx: Tx,
  dialect: Dialect,
  actor: Actor,
  item: TriageItemRow,
  changes: Pick<TriageItemRow, 'status'> & Partial<TriageItemRow>,
  now: Date,
  event: { type: T; data: TriageEventData[T] },
): Promise<TriageItemRow> {
  const at = now.toISOString();
  const decided = { ...changes, decided_by: actor.name, decided_at: at, updated_at: at };
  await updateTriageItem(tx, item.id, decided);
  const next = { ...item, ...decided };
  await recordTriageEvent(tx, dialect, { id: item.id, customerId: next.customer_id }, actor, now, event.type, event.data);
  return next;
}
