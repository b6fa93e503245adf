import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { CompiledQuery, type Selectable } from 'kysely';
import type { AlertsTable } from '../core/db/alerts-schema.ts';
import type { Database, Dialect } from '../core/db/database.ts';
import { prepared } from '../core/db/prepared.ts';
import type { Tx } from '../core/db/transaction.ts';
import { eventLoopTurns } from '../core/event-loop.ts';

export type AlertRow = Selectable<AlertsTable>;

// A storm's write is thousands of rows; on SQLite each statement runs on the event loop. Between them the loop
// takes a turn every few milliseconds, so that the server keeps answering while it writes.
const turn = eventLoopTurns();

/** The columns an upsert writes, in the order of each row's values. */
export const ALERT_COLUMNS = [
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

/** What a write returns of each alert it touched. */
export interface StoredAlert {
  count: number;
  group_id: string | null;
}

/** Writes one row's values into `out` from index `at` on, in the order of the statement's columns. */
export type RowValues<T> = (row: T, out: unknown[], at: number) => void;

/**
 * Splits n rows into slices of a few fixed sizes (at most 500: far below both dialects' limits on bound values),
 * so that only a few statement shapes are ever prepared and cached; a shape per row count would keep hundreds
 * of large prepared statements in memory. Yields each slice's start and size.
 */
function* slices(n: number): Generator<{ start: number; size: number }> {
  let start = 0;
  for (const size of [500, 100, 20, 5, 1]) {
    while (n - start >= size) {
      yield { start, size };
      start += size;
    }
  }
}
const upsertText = new Map<string, string>();

/** The values of rows[start … start+size), each row's `width` values from `values`, in one array made to size. */
function parametersOf<T>(
  rows: readonly T[],
  start: number,
  size: number,
  width: number,
  values: RowValues<T>,
  lead: unknown[] = [],
) {
  const out = new Array<unknown>(lead.length + size * width);
  for (let i = 0; i < lead.length; i++) out[i] = lead[i];
  for (let i = 0; i < size; i++) values(rows[start + i], out, lead.length + i * width);
  return out;
}

/**
 * Writes alerts, one statement per slice of rows (`values` gives each row's ALERT_COLUMNS): new fingerprints
 * are inserted, known ones count up and take the latest content. A row's group changes only when a new group_id
 * is given (null keeps the one it has). A resolved alert keeps the time it was first resolved; firing again
 * clears it.
 */
export async function upsertAlerts<T>(
  tx: Tx,
  dialect: Dialect,
  rows: readonly T[],
  values: RowValues<T>,
): Promise<Map<string, StoredAlert>> {
  const stored = new Map<string, StoredAlert>();
  for (const { start, size } of slices(rows.length)) {
    await turn();
    const parameters = parametersOf(rows, start, size, ALERT_COLUMNS.length, values);
    const result = await tx.executeQuery<{ fingerprint: string; count: number; group_id: string | null }>(
      CompiledQuery.raw(upsertSql(dialect, size), parameters),
    );
    for (const row of result.rows) stored.set(row.fingerprint, { count: Number(row.count), group_id: row.group_id });
  }
  return stored;
}

/** The columns a repeat writes, in the order of each row's values. */
export const REPEAT_COLUMNS = ['count', 'title', 'severity', 'labels', 'annotations', 'ends_at', 'fingerprint'] as const;
const repeatStatements = new WeakMap<DatabaseSync, StatementSync>();

/**
 * Counts repeats of alerts already stored with the same status, group and source (`values` gives each row's
 * REPEAT_COLUMNS): only the counters and the content change, so neither index is touched (an upsert would
 * rewrite the group index for every row).
 * SQLite: one prepared statement per row on the connection's own handle (inside the caller's transaction),
 * because its planner scans the table for an UPDATE … FROM (VALUES …); PostgreSQL: one statement per chunk.
 */
export async function countRepeats<T>(
  tx: Tx,
  database: Database,
  customerId: string,
  lastSeen: string,
  rows: readonly T[],
  values: RowValues<T>,
): Promise<Map<string, StoredAlert>> {
  const stored = new Map<string, StoredAlert>();
  const { sqlite } = database;
  if (sqlite) {
    let statement = repeatStatements.get(sqlite);
    if (!statement) {
      statement = sqlite.prepare(`update alerts set count = count + ?, last_seen = ?, title = ?, severity = ?, labels = ?,
        annotations = ?, ends_at = ? where customer_id = ? and fingerprint = ? returning count, group_id`);
      repeatStatements.set(sqlite, statement);
    }
    const v = new Array<unknown>(REPEAT_COLUMNS.length);
    for (const row of rows) {
      await turn();
      values(row, v, 0);
      const result = statement.get(
        v[0] as number,
        lastSeen,
        v[1] as string,
        v[2] as string | null,
        v[3] as string,
        v[4] as string,
        v[5] as string | null,
        customerId,
        v[6] as string,
      ) as StoredAlert | undefined;
      if (result) stored.set(v[6] as string, result);
    }
    return stored;
  }
  for (const { start, size } of slices(rows.length)) {
    await turn();
    const parameters = parametersOf(rows, start, size, REPEAT_COLUMNS.length, values, [customerId, lastSeen]);
    const result = await tx.executeQuery<{ fingerprint: string; count: number; group_id: string | null }>(
      CompiledQuery.raw(repeatSql(size), parameters),
    );
    for (const row of result.rows) stored.set(row.fingerprint, { count: Number(row.count), group_id: row.group_id });
  }
  return stored;
}

const repeatText = new Map<number, string>();
function repeatSql(rows: number): string {
  let text = repeatText.get(rows);
  if (!text) {
    let n = 2;
    const fingerprints: string[] = [];
    const values = Array.from({ length: rows }, () => {
      const row = REPEAT_COLUMNS.map(() => `$${++n}`);
      fingerprints.push(row[row.length - 1]);
      return `(${row.join(', ')})`;
    }).join(', ');
    // VALUES columns are named column1, column2…; the customer and the time are $1 and $2. The fingerprints
    // repeated as a list make the planner look each alert up in the primary key, whatever its statistics say
    // (taken before a bulk load, they made it scan the whole table).
    text = `update alerts set
        count = alerts.count + cast(v.column1 as integer),
        last_seen = $2,
        title = v.column2,
        severity = v.column3,
        labels = v.column4,
        annotations = v.column5,
        ends_at = v.column6
      from (values ${values}) as v
      where alerts.fingerprint in (${fingerprints.join(', ')}) and alerts.customer_id = $1 and alerts.fingerprint = v.column7
      returning alerts.fingerprint, alerts.count, alerts.group_id`;
    repeatText.set(rows, text);
  }
  return text;
}

function upsertSql(dialect: Dialect, rows: number): string {
  const key = `${dialect}:${rows}`;
  let text = upsertText.get(key);
  if (!text) {
    let n = 0;
    const placeholder = () => (dialect === 'postgres' ? `$${++n}` : '?');
    const values = Array.from({ length: rows }, () => `(${ALERT_COLUMNS.map(placeholder).join(', ')})`).join(', ');
    text = `insert into alerts (${ALERT_COLUMNS.join(', ')}) values ${values}
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

export type AlertState = Pick<AlertsTable, 'status' | 'group_id' | 'source_id' | 'starts_at'>;

/** What is known of these fingerprints of one customer: enough to tell new, repeated and re-fired alerts apart. */
// Built and compiled once per slice size: this runs for every alert request.
const findStatesQuery = prepared<AlertState & { fingerprint: string }>((db, slot, _dialect, size) =>
  db
    .selectFrom('alerts')
    .select(['fingerprint', 'status', 'group_id', 'source_id', 'starts_at'])
    .where('customer_id', '=', slot('customer'))
    .where(
      'fingerprint',
      'in',
      Array.from({ length: size }, (_, i) => slot(`f${i}`)),
    ),
);

export async function findAlertStates(
  tx: Tx,
  dialect: Dialect,
  customerId: string,
  fingerprints: string[],
): Promise<Map<string, AlertState>> {
  const found = new Map<string, AlertState>();
  for (const { start, size } of slices(fingerprints.length)) {
    await turn();
    const values: Record<string, string> = { customer: customerId };
    for (let i = 0; i < size; i++) values[`f${i}`] = fingerprints[start + i];
    const { rows } = await findStatesQuery(tx, dialect, values, size);
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
