import type { TriageEvent, TriageEventType } from '../../shared/timeline-events.ts';
import type { TriageEventData } from '../../shared/triage-events.ts';
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
export async function recordTriageEvent<T extends TriageEventType>(
  tx: Tx,
  dialect: Dialect,
  item: { id: string; customerId: string | null },
  by: EventActor,
  now: Date,
  type: T,
  data: TriageEventData[T],
  isNew = false,
): Promise<StoredEvent<TriageEvent>> {
  const head = isNew ? { seq: 0, hash: null } : await streamHead(tx, item.id);
  const [stored] = await appendEvents(
    tx,
    dialect,
    item.id,
    { seq: head.seq, hash: head.hash ?? GENESIS_HASH },
    // The data is that of the type (T is one type; TypeScript cannot tie the pair to the union by itself).
    [{ type, data } as TriageEvent],
    by,
    now,
    { streamType: 'triage', customerId: item.customerId },
  );
  await setTriageHead(tx, item.id, stored);
  return stored;
}
