import type { Actor } from '../auth/policy.ts';
import { assertCan } from '../auth/policy.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { AppError } from '../core/errors.ts';
import { findTriageItemForUpdate, type TriageItemRow } from './triage.queries.ts';

/** A triage item the actor may decide on (open, attach, dismiss): it exists, is visible, and is theirs to change. */
export async function itemToDecide(tx: Tx, dialect: Dialect, actor: Actor, id: string): Promise<TriageItemRow> {
  const item = await findTriageItemForUpdate(tx, dialect, id);
  assertCan(actor, 'incident.report', { customerId: item?.customer_id ?? null, notFound: `No triage item ${id}` });
  if (!item) throw new AppError('not_found', `No triage item ${id}`);
  return item;
}

export function assertNotDecided(item: TriageItemRow, incidentKey: string | null): void {
  if (item.status === 'incident') {
    throw new AppError('conflict', `This was already taken into incident ${incidentKey ?? item.incident_id}`);
  }
}
