import type { Dialect } from '../core/db/database.ts';
import type { RecordsTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';

export async function insertRecord(tx: Tx, row: RecordsTable): Promise<void> {
  await tx.insertInto('records').values(row).execute();
}

/** Writes the new state only if nobody else moved the record past previousVersion; false otherwise. */
export async function updateRecord(
  tx: Tx,
  row: Pick<RecordsTable, 'id' | 'customer_id' | 'version' | 'head_hash' | 'data' | 'updated_at' | 'archived_at'>,
  previousVersion: number,
): Promise<boolean> {
  const { id, ...changes } = row;
  const result = await tx
    .updateTable('records')
    .set(changes)
    .where('id', '=', id)
    .where('version', '=', previousVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findRecord(tx: Tx, dialect: Dialect, kind: string, id: string, forUpdate = false) {
  const query = tx.selectFrom('records').selectAll().where('id', '=', id).where('kind', '=', kind);
  return (forUpdate && dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

export interface RecordFilter {
  kind: string;
  /** undefined: every customer in `visible` and the organisation's own; null: only the organisation's own. */
  customerId?: string | null;
  /** The customers the caller may see; null: all. */
  visible: string[] | null;
  includeArchived?: boolean;
}

export async function listRecords(tx: Tx, filter: RecordFilter): Promise<RecordsTable[]> {
  let query = tx.selectFrom('records').selectAll().where('kind', '=', filter.kind);
  if (!filter.includeArchived) query = query.where('archived_at', 'is', null);
  if (filter.customerId === null) query = query.where('customer_id', 'is', null);
  else if (filter.customerId !== undefined) query = query.where('customer_id', '=', filter.customerId);
  if (filter.visible !== null) {
    const visible = filter.visible;
    query = query.where((eb) =>
      visible.length ? eb.or([eb('customer_id', 'is', null), eb('customer_id', 'in', visible)]) : eb('customer_id', 'is', null),
    );
  }
  return query.orderBy('created_at').orderBy('id').execute();
}

export async function anyRecordOfKind(tx: Tx, kind: string): Promise<boolean> {
  const row = await tx
    .selectFrom('records')
    .select('id')
    .where('kind', '=', kind)
    .where('archived_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function listRecordHeads(tx: Tx) {
  return tx.selectFrom('records').select(['id', 'kind', 'version', 'head_hash']).orderBy('created_at').execute();
}
