import { sql } from 'kysely';
import type { Dialect } from '../core/db/database.ts';
import { prepared } from '../core/db/prepared.ts';
import type { IncidentsTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import { effectiveSeverity } from './incident.ts';
import { readableIncident } from './incident-access.queries.ts';
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
  };
}

const UPDATED_COLUMNS = [
  'title',
  'description',
  'status',
  'severity',
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

// shape 1 leaves status out of SET: most changes (notes, edits) keep it, and SQLite rewrites the entry of every
// index whose column is SET, changed or not.
const updateIncidentQuery = prepared((db, slot, _dialect, shape) =>
  db
    .updateTable('incidents')
    .set(Object.fromEntries(UPDATED_COLUMNS.filter((c) => shape !== 1 || c !== 'status').map((c) => [c, slot(c)])))
    .where('id', '=', slot('id'))
    .where('version', '=', slot('previousVersion')),
);

/** Writes the new state only if nobody else moved the incident past previous.version; false otherwise. */
export async function updateIncident(
  tx: Tx,
  dialect: Dialect,
  state: IncidentState,
  headHash: string,
  previous: IncidentState,
): Promise<boolean> {
  const values = { ...incidentRow(state, headHash), previousVersion: previous.version };
  const result = await updateIncidentQuery(tx, dialect, values, state.status === previous.status ? 1 : 0);
  return Number(result.numAffectedRows) === 1;
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

export interface IncidentFilter {
  /** The customers the caller may see (incidents of no customer are always visible); null: all. */
  visible: string[] | null;
  /** Whose TLP:RED access counts (see readableIncident); null: the system, no restriction. */
  reader: string | null;
  customerId?: string;
  status?: string[];
  severity?: string[];
  exercise?: boolean;
  q?: string;
  limit: number;
  after?: { reportedAt: string; id: string };
}

export async function listIncidents(tx: Tx, dialect: Dialect, filter: IncidentFilter): Promise<IncidentState[]> {
  let query = tx.selectFrom('incidents').select('state');
  if (filter.visible !== null) {
    const visible = filter.visible;
    query = query.where((eb) =>
      visible.length ? eb.or([eb('customer_id', 'is', null), eb('customer_id', 'in', visible)]) : eb('customer_id', 'is', null),
    );
  }
  if (filter.reader !== null) query = query.where(readableIncident('incidents.id', filter.reader));
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.status?.length) query = query.where('status', 'in', filter.status);
  if (filter.severity?.length) query = query.where('severity', 'in', filter.severity);
  if (filter.exercise !== undefined) query = query.where('exercise', '=', filter.exercise ? 1 : 0);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = dialect === 'postgres' ? sql`ilike` : sql`like`;
    query = query.where(
      (eb) =>
        sql<boolean>`(${eb.ref('title')} ${like} ${pattern} escape '\\' or ${eb.ref('description')} ${like} ${pattern} escape '\\' or ${eb.ref('key')} ${like} ${pattern} escape '\\')`,
    );
  }
  if (filter.after) {
    const { reportedAt, id } = filter.after;
    query = query.where((eb) =>
      eb.or([eb('reported_at', '<', reportedAt), eb.and([eb('reported_at', '=', reportedAt), eb('id', '<', id)])]),
    );
  }
  const rows = await query.orderBy('reported_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map((r) => JSON.parse(r.state));
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

export function listIncidentHeads(tx: Tx) {
  return tx.selectFrom('incidents').select(['id', 'key', 'version', 'head_hash']).orderBy('reported_at').execute();
}
