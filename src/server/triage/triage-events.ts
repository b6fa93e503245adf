import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { appendEvents, type EventActor, type StoredEvent } from '../core/events/event-store.ts';
import { streamHead } from '../core/events/events.queries.ts';
import { GENESIS_HASH } from '../core/events/hash-chain.ts';
import { setTriageHead } from './triage.queries.ts';

/**
 * Records what happened to a triage item on its own hash-chained stream: the audit trail of who decided what,
 * and the signal that open triage pages refresh on. Counts changing under an alert storm are not events.
 */
export async function recordTriageEvent(
  tx: Tx,
  dialect: Dialect,
  item: { id: string; customerId: string | null },
  by: EventActor,
  now: Date,
  type: string,
  data: Record<string, unknown>,
  isNew = false,
): Promise<StoredEvent> {
  const head = isNew ? { seq: 0, hash: null } : await streamHead(tx, item.id);
  const [stored] = await appendEvents(
    tx,
    dialect,
    item.id,
    { seq: head.seq, hash: head.hash ?? GENESIS_HASH },
    [{ type, data }],
    by,
    now,
    { streamType: 'triage', customerId: item.customerId },
  );
  await setTriageHead(tx, item.id, stored);
  return stored;
}
