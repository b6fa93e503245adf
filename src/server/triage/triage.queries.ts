import type { Insertable, Selectable } from 'kysely';
import type { TriageItemsTable, TriageMessagesTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';

export type TriageItemRow = Selectable<TriageItemsTable>;

export async function insertTriageItem(tx: Tx, row: Insertable<TriageItemsTable>): Promise<void> {
  await tx.insertInto('triage_items').values(row).execute();
}

export function findTriageItem(tx: Tx, id: string): Promise<TriageItemRow | undefined> {
  return tx.selectFrom('triage_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findTriageItemByReceipt(tx: Tx, receiptHash: string): Promise<TriageItemRow | undefined> {
  return tx.selectFrom('triage_items').selectAll().where('receipt_hash', '=', receiptHash).executeTakeFirst();
}

export async function insertTriageMessage(tx: Tx, row: Insertable<TriageMessagesTable>): Promise<void> {
  await tx.insertInto('triage_messages').values(row).execute();
}

export function listTriageMessages(tx: Tx, itemId: string) {
  return tx.selectFrom('triage_messages').selectAll().where('item_id', '=', itemId).orderBy('received_at').execute();
}

/** Marks new information on an item: it moves up the queue, which is ordered by last_seen. */
export async function touchTriageItem(tx: Tx, id: string, at: string): Promise<void> {
  await tx.updateTable('triage_items').set({ last_seen: at, updated_at: at }).where('id', '=', id).execute();
}
