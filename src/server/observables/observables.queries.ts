import type { ObservablesTable } from '../core/db/observables-schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import { readableIncident } from '../incidents/incident-access.queries.ts';

export function findObservable(tx: Tx, id: string): Promise<ObservablesTable | undefined> {
  return tx.selectFrom('observables').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findObservableByValue(
  tx: Tx,
  incidentId: string,
  type: string,
  value: string,
): Promise<ObservablesTable | undefined> {
  return tx
    .selectFrom('observables')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .where('type', '=', type)
    .where('value', '=', value)
    .executeTakeFirst();
}

/** An incident's observables in the order they were first added (ids are time-ordered). */
export function listIncidentObservables(tx: Tx, incidentId: string): Promise<ObservablesTable[]> {
  return tx.selectFrom('observables').selectAll().where('incident_id', '=', incidentId).orderBy('id').execute();
}

export async function insertObservable(tx: Tx, row: ObservablesTable): Promise<void> {
  await tx.insertInto('observables').values(row).execute();
}

export async function updateObservable(
  tx: Tx,
  id: string,
  changes: Partial<Omit<ObservablesTable, 'id' | 'incident_id'>>,
): Promise<void> {
  await tx.updateTable('observables').set(changes).where('id', '=', id).execute();
}

export async function deleteObservable(tx: Tx, id: string): Promise<void> {
  await tx.deleteFrom('observables').where('id', '=', id).execute();
}

/** Whose incidents a sighting query may show: the same two rules as the incident list. */
export interface ReaderScope {
  /** The customers the reader may see (incidents of no customer are always visible); null: all. */
  visible: string[] | null;
  /** Whose TLP:RED access counts (see readableIncident); null: the system, no restriction. */
  reader: string | null;
}

function sightingsQuery(tx: Tx, scope: ReaderScope) {
  let query = tx.selectFrom('observables').innerJoin('incidents', 'incidents.id', 'observables.incident_id');
  if (scope.visible !== null) {
    const visible = scope.visible;
    query = query.where((eb) =>
      visible.length
        ? eb.or([eb('incidents.customer_id', 'is', null), eb('incidents.customer_id', 'in', visible)])
        : eb('incidents.customer_id', 'is', null),
    );
  }
  if (scope.reader !== null) query = query.where(readableIncident('incidents.id', scope.reader));
  return query;
}

export interface SightingRow {
  observable_id: string;
  incident_id: string;
  key: string;
  title: string;
  customer_id: string | null;
  customer_data: string | null;
  status: string;
  exercise: number;
  incident_tlp: string;
  tlp: string;
  tags: string;
  first_seen: string;
  last_seen: string;
}

/** Every incident the scope may read where this value was seen, most recently seen first (index observables_by_value). */
export function listSightings(tx: Tx, scope: ReaderScope, type: string, value: string, limit: number): Promise<SightingRow[]> {
  return sightingsQuery(tx, scope)
    .leftJoin('records', (join) => join.onRef('records.id', '=', 'incidents.customer_id').on('records.kind', '=', 'customer'))
    .select([
      'observables.id as observable_id',
      'incidents.id as incident_id',
      'incidents.key',
      'incidents.title',
      'incidents.customer_id',
      'records.data as customer_data',
      'incidents.status',
      'incidents.exercise',
      'incidents.tlp as incident_tlp',
      'observables.tlp',
      'observables.tags',
      'observables.first_seen',
      'observables.last_seen',
    ])
    .where('observables.type', '=', type)
    .where('observables.value', '=', value)
    .orderBy('observables.last_seen', 'desc')
    .orderBy('incidents.id')
    .limit(limit)
    .execute();
}

/** For each of these values, in how many other incidents the scope may read it was seen. */
export async function countOtherSightings(
  tx: Tx,
  scope: ReaderScope,
  incidentId: string,
  values: { type: string; value: string }[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < values.length; i += 200) {
    const chunk = values.slice(i, i + 200);
    const rows = await sightingsQuery(tx, scope)
      .select(['observables.type', 'observables.value', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('observables.incident_id', '<>', incidentId)
      .where((eb) =>
        eb.or(chunk.map((v) => eb.and([eb('observables.type', '=', v.type), eb('observables.value', '=', v.value)]))),
      )
      .groupBy(['observables.type', 'observables.value'])
      .execute();
    for (const row of rows) counts.set(`${row.type} ${row.value}`, Number(row.n));
  }
  return counts;
}
