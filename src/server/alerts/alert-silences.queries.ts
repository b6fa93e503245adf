import type { Selectable } from 'kysely';
import type { AlertSilencesTable } from '../core/db/alerts-schema.ts';
import type { Tx } from '../core/db/transaction.ts';

export type AlertSilenceRow = Selectable<AlertSilencesTable>;

export async function insertSilences(tx: Tx, rows: AlertSilencesTable[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('alert_silences').values(rows).execute();
}

/** Silences still running, and those that ended after `endedSince`, newest first. */
export function listSilences(tx: Tx, endedSince: string, customers: string[] | null): Promise<AlertSilenceRow[]> {
  let query = tx.selectFrom('alert_silences').selectAll().where('expires_at', '>', endedSince).orderBy('expires_at', 'desc');
  if (customers) query = query.where('customer_id', 'in', customers.length > 0 ? customers : ['']);
  return query.limit(1000).execute();
}

export function findSilence(tx: Tx, id: string): Promise<AlertSilenceRow | undefined> {
  return tx.selectFrom('alert_silences').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function endSilence(tx: Tx, id: string, at: string): Promise<void> {
  await tx.updateTable('alert_silences').set({ expires_at: at }).where('id', '=', id).execute();
}

/** The running silences of these fingerprints of one customer. */
export function runningSilences(tx: Tx, customerId: string, fingerprints: string[], at: string): Promise<AlertSilenceRow[]> {
  if (fingerprints.length === 0) return Promise.resolve([]);
  return tx
    .selectFrom('alert_silences')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('expires_at', '>', at)
    .where('fingerprint', 'in', fingerprints)
    .execute();
}

export async function extendSilence(tx: Tx, id: string, changes: { expires_at: string; reason: string }): Promise<void> {
  await tx.updateTable('alert_silences').set(changes).where('id', '=', id).execute();
}
