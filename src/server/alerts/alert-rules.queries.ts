import type { Selectable } from 'kysely';
import type { AlertRulesTable } from '../core/db/alerts-schema.ts';
import type { Tx } from '../core/db/transaction.ts';

export type AlertRuleRow = Selectable<AlertRulesTable>;

export function listAlertRules(tx: Tx): Promise<AlertRuleRow[]> {
  return tx.selectFrom('alert_rules').selectAll().orderBy('position').orderBy('created_at').execute();
}

export function findAlertRule(tx: Tx, id: string): Promise<AlertRuleRow | undefined> {
  return tx.selectFrom('alert_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAlertRule(tx: Tx, row: AlertRulesTable): Promise<void> {
  await tx.insertInto('alert_rules').values(row).execute();
}

export async function updateAlertRule(tx: Tx, id: string, changes: Partial<AlertRulesTable>): Promise<void> {
  await tx.updateTable('alert_rules').set(changes).where('id', '=', id).execute();
}

export async function deleteAlertRule(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('alert_rules').where('id', '=', id).execute();
}

export async function nextRulePosition(tx: Tx): Promise<number> {
  const row = await tx
    .selectFrom('alert_rules')
    .select((eb) => eb.fn.max<number | null>('position').as('last'))
    .executeTakeFirst();
  return (row?.last ?? 0) + 10;
}
