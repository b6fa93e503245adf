import type { Selectable } from 'kysely';
import type { AlertSourcesTable } from '../core/db/alerts-schema.ts';
import type { Tx } from '../core/db/transaction.ts';

export type AlertSourceRow = Selectable<AlertSourcesTable>;

export async function insertAlertSource(tx: Tx, row: AlertSourcesTable): Promise<void> {
  await tx.insertInto('alert_sources').values(row).execute();
}

export function listAlertSources(tx: Tx, customers: string[] | null): Promise<AlertSourceRow[]> {
  let query = tx.selectFrom('alert_sources').selectAll().orderBy('name');
  if (customers) query = query.where('customer_id', 'in', customers.length > 0 ? customers : ['']);
  return query.execute();
}

export function findAlertSource(tx: Tx, id: string): Promise<AlertSourceRow | undefined> {
  return tx.selectFrom('alert_sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAlertSourceByToken(tx: Tx, tokenHash: string): Promise<AlertSourceRow | undefined> {
  return tx
    .selectFrom('alert_sources')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function updateAlertSource(
  tx: Tx,
  id: string,
  changes: Partial<Pick<AlertSourcesTable, 'token_hash' | 'revoked_at' | 'last_used_at'>>,
): Promise<void> {
  await tx.updateTable('alert_sources').set(changes).where('id', '=', id).execute();
}
