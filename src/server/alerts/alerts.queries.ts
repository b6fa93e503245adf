import { CompiledQuery, type Selectable } from 'kysely';
import type { Dialect } from '../core/db/database.ts';
import type { AlertsTable, TriageItemsTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';

export type AlertRow = Selectable<AlertsTable>;

const COLUMNS = [
  'customer_id',
  'fingerprint',
  'source_id',
  'service_id',
  'title',
  'severity',
  'labels',
  'annotations',
  'status',
  'count',
  'first_seen',
  'last_seen',
  'starts_at',
  'ends_at',
  'resolved_at',
  'group_id',
] as const satisfies readonly (keyof AlertsTable)[];

/** Rows per statement: far below both dialects' limits on bound values (16 columns each). */
const CHUNK = 500;
const upsertText = new Map<string, string>();

/**
 * Writes alerts, one statement per CHUNK rows: new fingerprints are inserted, known ones count up and take the
 * latest content. A row's group changes only when a new group_id is given (null keeps the one it has). A
 * resolved alert keeps the time it was first resolved; firing again clears it.
 */
export async function upsertAlerts(
  tx: Tx,
  dialect: Dialect,
  rows: AlertsTable[],
): Promise<Map<string, { count: number; group_id: string | null }>> {
  const stored = new Map<string, { count: number; group_id: string | null }>();
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const parameters: unknown[] = [];
    for (const row of chunk) for (const column of COLUMNS) parameters.push(row[column]);
    const result = await tx.executeQuery<{ fingerprint: string; count: number; group_id: string | null }>(
      CompiledQuery.raw(upsertSql(dialect, chunk.length), parameters),
    );
    for (const row of result.rows) stored.set(row.fingerprint, { count: Number(row.count), group_id: row.group_id });
  }
  return stored;
}

function upsertSql(dialect: Dialect, rows: number): string {
  const key = `${dialect}:${rows}`;
  let text = upsertText.get(key);
  if (!text) {
    let n = 0;
    const placeholder = () => (dialect === 'postgres' ? `$${++n}` : '?');
    const values = Array.from({ length: rows }, () => `(${COLUMNS.map(placeholder).join(', ')})`).join(', ');
    text = `insert into alerts (${COLUMNS.join(', ')}) values ${values}
      on conflict (customer_id, fingerprint) do update set
        source_id = excluded.source_id,
        service_id = excluded.service_id,
        title = excluded.title,
        severity = excluded.severity,
        labels = excluded.labels,
        annotations = excluded.annotations,
        status = excluded.status,
        count = alerts.count + excluded.count,
        last_seen = excluded.last_seen,
        starts_at = case when alerts.status = 'resolved' and excluded.status = 'firing' then excluded.starts_at
                         else coalesce(alerts.starts_at, excluded.starts_at) end,
        ends_at = excluded.ends_at,
        resolved_at = case when excluded.status = 'firing' then null
                           else coalesce(alerts.resolved_at, excluded.resolved_at) end,
        group_id = coalesce(excluded.group_id, alerts.group_id)
      returning fingerprint, count, group_id`;
    upsertText.set(key, text);
  }
  return text;
}

/** What is known of these fingerprints of one customer: enough to tell new, repeated and re-fired alerts apart. */
export async function findAlertStates(
  tx: Tx,
  customerId: string,
  fingerprints: string[],
): Promise<Map<string, { status: string; group_id: string | null }>> {
  const found = new Map<string, { status: string; group_id: string | null }>();
  for (let start = 0; start < fingerprints.length; start += CHUNK) {
    const rows = await tx
      .selectFrom('alerts')
      .select(['fingerprint', 'status', 'group_id'])
      .where('customer_id', '=', customerId)
      .where('fingerprint', 'in', fingerprints.slice(start, start + CHUNK))
      .execute();
    for (const row of rows) found.set(row.fingerprint, row);
  }
  return found;
}

/** The customer's fingerprints silenced at this moment. */
export async function silencedFingerprints(tx: Tx, customerId: string, at: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('alert_silences')
    .select('fingerprint')
    .where('expires_at', '>', at)
    .where('customer_id', '=', customerId)
    .execute();
  return new Set(rows.map((r) => r.fingerprint));
}

/** The group alerts with this key join: the latest one seen since `since` that was not dismissed. */
export function findOpenGroup(tx: Tx, groupKey: string, since: string): Promise<Selectable<TriageItemsTable> | undefined> {
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
export async function countIntoGroup(
  tx: Tx,
  change: { id: string; joined: number; occurrences: number; at: string; severity?: string | null },
): Promise<void> {
  await tx
    .updateTable('triage_items')
    .set((eb) => ({
      alert_count: eb('alert_count', '+', change.joined),
      occurrences: eb('occurrences', '+', change.occurrences),
      last_seen: change.at,
      updated_at: change.at,
      ...(change.severity !== undefined ? { severity: change.severity } : {}),
    }))
    .where('id', '=', change.id)
    .execute();
}

export function listGroupAlerts(tx: Tx, groupId: string, limit: number): Promise<AlertRow[]> {
  return tx.selectFrom('alerts').selectAll().where('group_id', '=', groupId).orderBy('last_seen', 'desc').limit(limit).execute();
}

/** How many alerts of each group are still firing. */
export async function firingCounts(tx: Tx, groupIds: string[]): Promise<Map<string, number>> {
  if (groupIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('alerts')
    .select(['group_id', (eb) => eb.fn.countAll<number>().as('firing')])
    .where('group_id', 'in', groupIds)
    .where('status', '=', 'firing')
    .groupBy('group_id')
    .execute();
  return new Map(rows.map((r) => [r.group_id as string, Number(r.firing)]));
}

export function groupFingerprints(tx: Tx, groupId: string): Promise<{ customer_id: string; fingerprint: string }[]> {
  return tx.selectFrom('alerts').select(['customer_id', 'fingerprint']).where('group_id', '=', groupId).execute();
}
