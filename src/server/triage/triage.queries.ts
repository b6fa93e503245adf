import type { Insertable, Selectable } from 'kysely';
import type { TriageItemsTable, TriageMessagesTable } from '../core/db/alerts-schema.ts';
import type { Dialect } from '../core/db/database.ts';
import { prepared } from '../core/db/prepared.ts';
import type { Tx } from '../core/db/transaction.ts';
import { GENESIS_HASH } from '../core/events/hash-chain.ts';
import { readableIncident } from '../incidents/incident-access.queries.ts';

export type TriageItemRow = Selectable<TriageItemsTable>;

/** A new item waiting in the queue, decided by nobody yet; `fields` says what it is. */
export function newTriageItem(
  at: string,
  fields: Pick<TriageItemRow, 'id' | 'kind' | 'customer_id' | 'title' | 'description'> & Partial<TriageItemRow>,
): TriageItemRow {
  return {
    service_id: null,
    source_id: null,
    rule_id: null,
    group_key: null,
    severity: null,
    status: 'triage',
    alert_count: 0,
    occurrences: 0,
    first_seen: at,
    last_seen: at,
    incident_id: null,
    decision_reason: null,
    decided_by: null,
    decided_at: null,
    reporter: null,
    receipt_hash: null,
    created_at: at,
    updated_at: at,
    version: 0,
    head_hash: GENESIS_HASH,
    ...fields,
  };
}

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

/** Keeps the item's stream head beside it (the head verify checks the stream against). */
export async function setTriageHead(tx: Tx, id: string, head: { seq: number; hash: string }): Promise<void> {
  await tx.updateTable('triage_items').set({ version: head.seq, head_hash: head.hash }).where('id', '=', id).execute();
}

/** Loads an item to decide on; on PostgreSQL its row is locked so that two people cannot both decide it. */
export function findTriageItemForUpdate(tx: Tx, dialect: Dialect, id: string): Promise<TriageItemRow | undefined> {
  const query = tx.selectFrom('triage_items').selectAll().where('id', '=', id);
  return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateTriageItem(tx: Tx, id: string, changes: Partial<Omit<TriageItemRow, 'id'>>): Promise<void> {
  await tx.updateTable('triage_items').set(changes).where('id', '=', id).execute();
}

export interface TriageFilter {
  status?: string;
  incidentId?: string;
  /** The customers the caller may see (items of no customer are always visible); null: all. */
  visible: string[] | null;
  /** Whose TLP:RED access counts for items taken into an incident; null: no restriction. */
  reader: string | null;
  limit: number;
}

export function listTriageItems(tx: Tx, filter: TriageFilter) {
  let query = tx
    .selectFrom('triage_items')
    .leftJoin('incidents', 'incidents.id', 'triage_items.incident_id')
    .selectAll('triage_items')
    .select('incidents.key as incident_key');
  if (filter.status) query = query.where('triage_items.status', '=', filter.status);
  if (filter.incidentId) query = query.where('triage_items.incident_id', '=', filter.incidentId);
  if (filter.reader !== null) query = query.where(readableIncident('triage_items.incident_id', filter.reader));
  if (filter.visible !== null) {
    const visible = filter.visible;
    query = query.where((eb) =>
      visible.length
        ? eb.or([eb('triage_items.customer_id', 'is', null), eb('triage_items.customer_id', 'in', visible)])
        : eb('triage_items.customer_id', 'is', null),
    );
  }
  return query.orderBy('triage_items.last_seen', 'desc').limit(filter.limit).execute();
}

export async function incidentKeyOf(tx: Tx, incidentId: string | null): Promise<string | null> {
  if (!incidentId) return null;
  const row = await tx.selectFrom('incidents').select('key').where('id', '=', incidentId).executeTakeFirst();
  return row?.key ?? null;
}

/** The group alerts with this key join: the latest one seen since `since` that was not dismissed. */
export function findOpenTriageGroup(tx: Tx, groupKey: string, since: string): Promise<TriageItemRow | undefined> {
  return tx
    .selectFrom('triage_items')
    .selectAll()
    .where('group_key', '=', groupKey)
    .where('last_seen', '>=', since)
    .where('status', '!=', 'dismissed')
    .orderBy('last_seen', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Adds to a group's counts: `joined` alerts became members, `occurrences` notifications arrived. */
// shape 1: the group's severity changes too.
const countIntoGroupQuery = prepared((db, slot, _dialect, shape) =>
  db
    .updateTable('triage_items')
    .set((eb) => ({
      alert_count: eb('alert_count', '+', slot('joined')),
      occurrences: eb('occurrences', '+', slot('occurrences')),
      last_seen: slot('at'),
      updated_at: slot('at'),
      ...(shape === 1 ? { severity: slot('severity') } : {}),
    }))
    .where('id', '=', slot('id')),
);

export async function countIntoTriageGroup(
  tx: Tx,
  dialect: Dialect,
  change: { id: string; joined: number; occurrences: number; at: string; severity?: string | null },
): Promise<void> {
  await countIntoGroupQuery(tx, dialect, change, change.severity === undefined ? 0 : 1);
}
