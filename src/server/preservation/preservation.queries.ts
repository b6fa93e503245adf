import type { Dialect } from '../core/db/database.ts';
import type { PreservationRequestsTable } from '../core/db/preservation-schema.ts';
import type { Tx } from '../core/db/transaction.ts';

export type PreservationRow = PreservationRequestsTable;

export async function insertPreservation(tx: Tx, row: PreservationRequestsTable): Promise<void> {
  await tx.insertInto('preservation_requests').values(row).execute();
}

export function findPreservation(tx: Tx, dialect: Dialect, id: string, forUpdate = false): Promise<PreservationRow | undefined> {
  let query = tx.selectFrom('preservation_requests').selectAll().where('id', '=', id);
  if (forUpdate && dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

export function findPreservationByTokenHash(tx: Tx, tokenHash: string): Promise<PreservationRow | undefined> {
  return tx.selectFrom('preservation_requests').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function findPreservationByNotification(tx: Tx, notificationId: string): Promise<Pick<PreservationRow, 'id'> | undefined> {
  return tx.selectFrom('preservation_requests').select('id').where('notification_id', '=', notificationId).executeTakeFirst();
}

/** The incident's preservation requests, newest first. */
export function listIncidentPreservations(tx: Tx, incidentId: string): Promise<PreservationRow[]> {
  return tx
    .selectFrom('preservation_requests')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function setPreservationAnswers(
  tx: Tx,
  id: string,
  set: Pick<PreservationRequestsTable, 'answers' | 'answered_at'>,
): Promise<void> {
  await tx.updateTable('preservation_requests').set(set).where('id', '=', id).execute();
}
