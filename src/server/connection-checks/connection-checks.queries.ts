import type { ConnectionChecksTable } from '../core/db/connection-checks-schema.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';

export type ConnectionCheckRow = ConnectionChecksTable;

export async function insertCheck(tx: Tx, row: ConnectionChecksTable): Promise<void> {
  await tx.insertInto('connection_checks').values(row).execute();
}

export function findCheckByTokenHash(tx: Tx, tokenHash: string): Promise<ConnectionCheckRow | undefined> {
  return tx.selectFrom('connection_checks').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export function findCheck(tx: Tx, dialect: Dialect, id: string, forUpdate = false): Promise<ConnectionCheckRow | undefined> {
  let query = tx.selectFrom('connection_checks').selectAll().where('id', '=', id);
  if (forUpdate && dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

export function findCheckByNotification(tx: Tx, notificationId: string): Promise<Pick<ConnectionCheckRow, 'id'> | undefined> {
  return tx.selectFrom('connection_checks').select('id').where('notification_id', '=', notificationId).executeTakeFirst();
}

/** The incident's checks, newest first. */
export function listIncidentChecks(tx: Tx, incidentId: string): Promise<ConnectionCheckRow[]> {
  return tx
    .selectFrom('connection_checks')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Records the answers once: false when the check was answered meanwhile (the link is single use). */
export async function recordAnswers(
  tx: Tx,
  id: string,
  set: Pick<ConnectionChecksTable, 'answers' | 'answered_at' | 'answered_by'>,
): Promise<boolean> {
  const result = await tx
    .updateTable('connection_checks')
    .set(set)
    .where('id', '=', id)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
