import { randomUUIDv7 } from 'node:crypto';
import type { Reporter } from '../../shared/triage-types.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { EventActor } from '../core/events/event-store.ts';
import { findTriageItem, insertTriageItem, insertTriageMessage, newTriageItem, touchTriageItem } from './triage.queries.ts';
import { recordTriageEvent } from './triage-events.ts';

export interface ReportForTriage {
  kind: 'email' | 'form';
  customerId: string | null;
  title: string;
  description: string;
  reporter: Reporter;
  /** SHA-256 of the receipt key given to a public reporter, so that they can add information later. */
  receiptHash?: string | null;
}

/**
 * Puts a report that nobody has vouched for yet (an e-mail from an unknown sender, the public form) into the
 * triage queue, inside the caller's transaction. Returns the new item's id.
 */
export async function fileReportForTriage(
  tx: Tx,
  dialect: Dialect,
  report: ReportForTriage,
  by: EventActor,
  now: Date,
): Promise<string> {
  const id = randomUUIDv7();
  const at = now.toISOString();
  await insertTriageItem(
    tx,
    newTriageItem(at, {
      id,
      kind: report.kind,
      customer_id: report.customerId,
      title: report.title,
      description: report.description,
      occurrences: 1,
      reporter: JSON.stringify(report.reporter),
      receipt_hash: report.receiptHash ?? null,
    }),
  );
  await recordTriageEvent(
    tx,
    dialect,
    { id, customerId: report.customerId },
    by,
    now,
    'triage.reported',
    {
      kind: report.kind,
      title: report.title,
      customerId: report.customerId,
    },
    true,
  );
  return id;
}

/**
 * Adds information to a report in triage (a public reporter's follow-up, a reply by e-mail). The caller decides
 * what happens when the report has already become an incident (a note there instead).
 */
export async function addToTriageReport(
  tx: Tx,
  dialect: Dialect,
  itemId: string,
  message: { author: Reporter; body: string },
  by: EventActor,
  now: Date,
): Promise<void> {
  const item = await findTriageItem(tx, itemId);
  if (!item) throw new Error(`No triage item ${itemId}`);
  const at = now.toISOString();
  await insertTriageMessage(tx, {
    id: randomUUIDv7(),
    item_id: itemId,
    author: JSON.stringify(message.author),
    body: message.body,
    received_at: at,
  });
  await touchTriageItem(tx, itemId, at);
  await recordTriageEvent(tx, dialect, { id: itemId, customerId: item.customer_id }, by, now, 'triage.information_added', {
    length: message.body.length,
  });
}
