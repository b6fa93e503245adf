import { type Kysely, sql } from 'kysely';
import { INCIDENT_STATUSES, type IncidentStatus, SEVERITIES, type Severity } from '../../shared/incident-vocabulary.ts';
import type { Dialect } from '../core/db/database.ts';
import { prepared } from '../core/db/prepared.ts';
import type { DB, IncidentsTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import {
  type EventRow,
  eventInsert,
  eventInsertIf,
  eventValues,
  insertEvents,
  positionsOf,
} from '../core/events/events.queries.ts';
import { effectiveSeverity } from './incident.ts';
import type { IncidentState } from './incident-state.ts';

/** The incident's row: its state as JSON, and the copies of some fields that queries filter and sort on. */
export function incidentRow(state: IncidentState, headHash: string): IncidentsTable {
  return {
    id: state.id,
    key: state.key,
    title: state.title,
    description: state.description,
    status: state.status,
    severity: effectiveSeverity(state),
    tlp: state.tlp,
    exercise: state.exercise ? 1 : 0,
    customer_id: state.customerId,
    reported_at: state.times.reportedAt,
    updated_at: state.updatedAt,
    version: state.version,
    head_hash: headHash,
    state: JSON.stringify(state),
    severity_rank: severityRank(effectiveSeverity(state)),
    status_rank: statusRank(state.status),
  };
}

/** The list's sort keys: severity from 0 (unassessed) to 4 (critical), status by its place in the lifecycle. */
export const severityRank = (severity: string | null) => (severity ? SEVERITIES.indexOf(severity as Severity) + 1 : 0);
export const statusRank = (status: string) => {
  const rank = INCIDENT_STATUSES.indexOf(status as IncidentStatus);
  return rank === -1 ? INCIDENT_STATUSES.length : rank;
};

const UPDATED_COLUMNS = [
  'title',
  'description',
  'status',
  'status_rank',
  'severity',
  'severity_rank',
  'tlp',
  'exercise',
  'customer_id',
  'updated_at',
  'version',
  'head_hash',
  'state',
] as const;

const INCIDENT_COLUMNS = ['id', 'key', ...UPDATED_COLUMNS, 'reported_at'] as const;

const insertIncidentQuery = prepared((db, slot) =>
  db.insertInto('incidents').values(Object.fromEntries(INCIDENT_COLUMNS.map((c) => [c, slot(c)])) as never),
);

export async function insertIncident(tx: Tx, dialect: Dialect, state: IncidentState, headHash: string): Promise<void> {
  await insertIncidentQuery(tx, dialect, incidentRow(state, headHash));
}

// shape bit 1 leaves status (and its rank) out of SET, bit 2 the severity's rank: most changes (notes, edits) keep
// them, and SQLite rewrites the entry of every index whose column is SET, changed or not.
const KEPT: Record<number, readonly string[]> = { 1: ['status', 'status_rank'], 2: ['severity_rank'] };
function updatedColumns(shape: number): string[] {
  const kept = [1, 2].filter((bit) => shape & bit).flatMap((bit) => KEPT[bit]);
  return UPDATED_COLUMNS.filter((c) => !kept.includes(c));
}

const updateShape = (state: IncidentState, previous: IncidentState) =>
  (state.status === previous.status ? 1 : 0) | (effectiveSeverity(state) === effectiveSeverity(previous) ? 2 : 0);

const updateIncidentQuery = prepared((db, slot, _dialect, shape) => {
  return db
    .updateTable('incidents')
    .set(Object.fromEntries(updatedColumns(shape).map((c) => [c, slot(c)])))
    .where('id', '=', slot('id'))
    .where('version', '=', slot('previousVersion'));
});

/** Writes the new state only if nobody else moved the incident past previous.version; false otherwise. */
export async function updateIncident(
  tx: Tx,
  dialect: Dialect,
  state: IncidentState,
  headHash: string,
  previous: IncidentState,
): Promise<boolean> {
  const values = { ...incidentRow(state, headHash), previousVersion: previous.version };
  const result = await updateIncidentQuery(tx, dialect, values, updateShape(state, previous));
  return Number(result.numAffectedRows) === 1;
}

// PostgreSQL: the events and the incident's row in one statement (data-modifying CTEs), one round trip instead of
// two. The row is updated first (its lock first, as every other writer of the incident takes it) and the events
// are written only if it was.
const updateThenAppend = (db: Kysely<DB>, slot: (name: string) => never, shape: number) =>
  db
    .with('u', (qc) =>
      qc
        .updateTable('incidents')
        .set(Object.fromEntries(updatedColumns(shape & 3).map((c) => [c, slot(c)])))
        .where('id', '=', slot('id'))
        .where('version', '=', slot('previousVersion'))
        .returning('id'),
    )
    .with('e', (qc) => eventInsertIf(qc as never, 'u', slot, shape >> 2).returning(['position', 'seq']));

// When the incident had moved on, nothing is written, and the statement locks the row and returns it as it is now
// (a locking read takes the newest version, after waiting for its writer), so the change can decide again on it at
// once, in the same transaction and without another read.
// shape: the update's KEPT bits, and the number of events from bit 2 up.
const appendAndUpdateQuery = prepared<{
  position: number | null;
  seq: number | null;
  updated: string;
  state: string | null;
  head_hash: string | null;
}>((db, slot, _dialect, shape) =>
  updateThenAppend(db, slot, shape)
    // Read (and locked) only when the update found the incident moved on.
    .with('latest', (qc) => qc.selectFrom('incidents').select(['state', 'head_hash']).where('id', '=', slot('id')).forUpdate())
    // One row per event written, or a single row of nulls when none was.
    .selectFrom(sql`(select 1)`.as('one'))
    .leftJoin('e', (join) => join.on(sql<boolean>`true`))
    .select([
      'e.position',
      'e.seq',
      sql<string>`(select count(*) from u)`.as('updated'),
      sql<string | null>`case when not exists (select from u) then (select latest.state from latest) end`.as('state'),
      sql<string | null>`case when not exists (select from u) then (select latest.head_hash from latest) end`.as('head_hash'),
    ]),
);

const MOVED_ON = 'the incident moved on';

// The same, failing when the incident had moved on, which aborts the transaction: for a statement sent ahead of its
// COMMIT, whose transaction must then not commit what was written after it. The failure is a cast of a text that
// is no number, evaluated only then (the text depends on the update, so it is not folded when planned).
const appendAndUpdateOrFailQuery = prepared<{ position: number | null; seq: number | null }>((db, slot, _dialect, shape) =>
  updateThenAppend(db, slot, shape)
    .selectFrom(sql`(select 1)`.as('one'))
    .leftJoin('e', (join) => join.on(sql<boolean>`true`))
    .select([
      'e.position',
      'e.seq',
      sql<number>`cast(case when exists (select from u) then '0' else ${sql.lit(MOVED_ON)} end as integer)`.as('moved_on'),
    ]),
);

/** True for the failure of a change sent ahead (storeIncidentChangeAhead) because the incident had moved on. */
export function isMovedOn(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '22P02' && (e.message ?? '').includes(MOVED_ON);
}

const appendAndInsertQuery = prepared((db, slot, dialect, count) =>
  db
    .with('e', (qc) => eventInsert(qc, slot, dialect, count).returning(['position', 'seq']))
    .with('i', (qc) =>
      qc
        .insertInto('incidents')
        .values(Object.fromEntries(INCIDENT_COLUMNS.map((c) => [c, slot(c)])) as never)
        .returning('id'),
    )
    .selectFrom('e')
    .select(['e.position', 'e.seq']),
);

/**
 * Stores an incident's new events and its new state, only if nobody else moved it past previous.version: the
 * events' positions. When it had moved on: on PostgreSQL, nothing was written and the incident as it is now, its row
 * locked by this transaction (the change may decide again on it); on SQLite null (the caller rolls back).
 * One statement on PostgreSQL.
 */
export async function storeIncidentChange(
  tx: Tx,
  dialect: Dialect,
  rows: Omit<EventRow, 'position'>[],
  state: IncidentState,
  headHash: string,
  previous: IncidentState,
): Promise<number[] | { movedOn: IncidentRecord } | null> {
  if (dialect === 'sqlite') {
    const positions = await insertEvents(tx, dialect, rows);
    return (await updateIncident(tx, dialect, state, headHash, previous)) ? positions : null;
  }
  const values = { ...eventValues(rows), ...incidentRow(state, headHash), previousVersion: previous.version };
  const result = await appendAndUpdateQuery(tx, dialect, values, updateShape(state, previous) | (rows.length << 2));
  const [first] = result.rows;
  if (Number(first?.updated) === 1) return positionsOf(rows, result.rows as { position: number; seq: number }[]);
  return first?.state && first.head_hash ? { movedOn: { state: JSON.parse(first.state), headHash: first.head_hash } } : null;
}

/**
 * PostgreSQL, in a transaction that sends its writes ahead: storeIncidentChange sent without waiting, so that it
 * leaves with the COMMIT in one round trip. Its answer (the events' positions) comes before the COMMIT's; when the
 * incident had moved past previous.version it fails instead (isMovedOn), and the transaction rolls back whole.
 * Null where writes cannot be sent ahead (then store as usual).
 */
export function storeIncidentChangeAhead(
  tx: Tx,
  rows: Omit<EventRow, 'position'>[],
  state: IncidentState,
  headHash: string,
  previous: IncidentState,
): Promise<number[]> | null {
  const values = { ...eventValues(rows), ...incidentRow(state, headHash), previousVersion: previous.version };
  const shape = updateShape(state, previous) | (rows.length << 2);
  const answer = appendAndUpdateOrFailQuery.ahead(tx, 'postgres', values, shape);
  return answer?.then((result) => positionsOf(rows, result.rows as { position: number; seq: number }[])) ?? null;
}

/**
 * Stores a new incident's first events and its row. One statement on PostgreSQL, sent ahead to leave with the
 * COMMIT (writeUnanswered): nothing waits for the events' positions.
 */
export async function storeNewIncident(
  tx: Tx,
  dialect: Dialect,
  rows: Omit<EventRow, 'position'>[],
  state: IncidentState,
  headHash: string,
): Promise<void> {
  if (dialect === 'sqlite') {
    await insertEvents(tx, dialect, rows);
    await insertIncident(tx, dialect, state, headHash);
    return;
  }
  await appendAndInsertQuery.unanswered(tx, dialect, { ...eventValues(rows), ...incidentRow(state, headHash) }, rows.length);
}

export interface IncidentRecord {
  state: IncidentState;
  headHash: string;
}

const KEY_PATTERN = /^INC-\d{4}-\d{4,}$/i;

// shape: bit 1 = by key, bit 2 = lock the row (PostgreSQL).
const findIncidentQuery = prepared<{ state: string; head_hash: string }>((db, slot, dialect, shape) => {
  const query = db
    .selectFrom('incidents')
    .select(['state', 'head_hash'])
    .where(shape & 1 ? 'key' : 'id', '=', slot('idOrKey'));
  return shape & 2 && dialect === 'postgres' ? query.forUpdate() : query;
});

/** Loads an incident by id or key. forUpdate locks its row on PostgreSQL so writers queue instead of racing. */
export async function findIncident(tx: Tx, dialect: Dialect, idOrKey: string, forUpdate = false): Promise<IncidentRecord | null> {
  const byKey = KEY_PATTERN.test(idOrKey);
  const shape = (byKey ? 1 : 0) | (forUpdate ? 2 : 0);
  const { rows } = await findIncidentQuery(tx, dialect, { idOrKey: byKey ? idOrKey.toUpperCase() : idOrKey }, shape);
  const row = rows[0];
  return row ? { state: JSON.parse(row.state), headHash: row.head_hash } : null;
}

// One statement that bumps and reads back (RETURNING works on SQLite 3.35+ and PostgreSQL).
const bumpCounterQuery = prepared<{ value: number }>((db, slot) =>
  db.updateTable('counters').set({ value: sql`value + 1` }).where('name', '=', slot('name')).returning('value'),
);

/** The next value of a named counter; the row lock (or SQLite's single writer) makes it unique. */
export async function nextCounterValue(tx: Tx, dialect: Dialect, name: string): Promise<number> {
  const { rows } = await bumpCounterQuery(tx, dialect, { name });
  if (rows.length === 0) {
    await tx
      .insertInto('counters')
      .values({ name, value: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    return nextCounterValue(tx, dialect, name);
  }
  return Number(rows[0].value);
}

// The same bump as its own statement outside any transaction, committed without waiting for the WAL flush: the
// row lock is held only for the statement. A later commit that uses the value flushes the WAL up to and past it,
// so whatever is durable and carries the value has it durable too.
const takeCounterQuery = prepared<{ value: number }>((db, slot) =>
  db
    .updateTable('counters')
    .set({ value: sql`value + 1` })
    .where('name', '=', slot('name'))
    .returning(['value', sql<string>`set_config('synchronous_commit', 'off', true)`.as('asynchronous')]),
);

/**
 * PostgreSQL: the next value of a named counter, taken and committed at once, so that concurrent transactions do
 * not queue behind the counter's row until they commit. A value taken by work that then fails is skipped.
 */
export async function takeCounterValue(db: Tx, name: string): Promise<number> {
  const { rows } = await takeCounterQuery(db, 'postgres', { name });
  if (rows.length === 0) {
    await db
      .insertInto('counters')
      .values({ name, value: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    return takeCounterValue(db, name);
  }
  return Number(rows[0].value);
}

export function listIncidentHeads(tx: Tx) {
  return tx.selectFrom('incidents').select(['id', 'key', 'version', 'head_hash']).orderBy('reported_at').execute();
}
