import type { Kysely, Selectable } from 'kysely';
import type { DB, IncidentsTable, PlanVersionsTable, RecordsTable, TriageItemsTable } from '../core/db/schema.ts';
import type { EventRow } from '../core/events/events.queries.ts';

/** The hash-chained streams and the table that holds each one's projection. */
export type StreamKind = 'incident' | 'record' | 'triage';

export type ProjectionRow = {
  incident: IncidentsTable;
  record: RecordsTable;
  triage: Selectable<TriageItemsTable>;
};

const TABLE = { incident: 'incidents', record: 'records', triage: 'triage_items' } as const;

/** One page of a kind's projection rows, in id order (keyset: the next page starts after `after`). */
export function projectionPage<K extends StreamKind>(
  db: Kysely<DB>,
  kind: K,
  after: string | null,
  limit: number,
): Promise<ProjectionRow[K][]> {
  // The three tables share what is queried here (id); typed as one of them so that the builder has one shape.
  let query = db.selectFrom(TABLE[kind] as 'incidents').selectAll();
  if (after !== null) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute() as Promise<never>;
}

export function findProjection<K extends StreamKind>(db: Kysely<DB>, kind: K, id: string): Promise<ProjectionRow[K] | undefined> {
  return db
    .selectFrom(TABLE[kind] as 'incidents')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst() as Promise<never>;
}

export async function countProjections(db: Kysely<DB>, kind: StreamKind): Promise<number> {
  const row = await db
    .selectFrom(TABLE[kind])
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Events of several streams in (stream, seq) order, one page at a time (keyset: after the last one read). */
export function eventsOfStreams(
  db: Kysely<DB>,
  streamIds: string[],
  after: { streamId: string; seq: number } | null,
  limit: number,
): Promise<EventRow[]> {
  let query = db.selectFrom('events').selectAll().where('stream_id', 'in', streamIds);
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('stream_id', '>', after.streamId), eb.and([eb('stream_id', '=', after.streamId), eb('seq', '>', after.seq)])]),
    );
  }
  return query.orderBy('stream_id').orderBy('seq').limit(limit).execute() as Promise<EventRow[]>;
}

/** Streams whose events no projection holds: an incident, record or triage item row was deleted. */
export function streamsWithoutProjection(db: Kysely<DB>) {
  return (
    db
      .selectFrom('events as e')
      .select(['e.stream_id', 'e.stream_type'])
      .select((eb) => [eb.fn.countAll<number>().as('events'), eb.fn.max('e.seq').as('last_seq')])
      // Custody streams have no projection of their own; verifyCustodyStreams checks them.
      .where('e.stream_type', '!=', 'custody')
      .where(({ and, not, exists, selectFrom }) =>
        and([
          not(exists(selectFrom('incidents').select('incidents.id').whereRef('incidents.id', '=', 'e.stream_id'))),
          not(exists(selectFrom('records').select('records.id').whereRef('records.id', '=', 'e.stream_id'))),
          not(exists(selectFrom('triage_items').select('triage_items.id').whereRef('triage_items.id', '=', 'e.stream_id'))),
        ]),
      )
      .groupBy(['e.stream_id', 'e.stream_type'])
      .orderBy('e.stream_id')
      .execute()
  );
}

/** One page of published plan versions, snapshots included, in id order. */
export function planVersionPage(db: Kysely<DB>, after: string | null, limit: number): Promise<PlanVersionsTable[]> {
  let query = db.selectFrom('plan_versions').selectAll();
  if (after !== null) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}

export function findPlanVersionWithSnapshot(db: Kysely<DB>, id: string): Promise<PlanVersionsTable | undefined> {
  return db.selectFrom('plan_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The plan.published events on a customer's record stream (their chain is checked with the whole stream). */
export function planPublications(db: Kysely<DB>, customerId: string): Promise<EventRow[]> {
  return db
    .selectFrom('events')
    .selectAll()
    .where('stream_id', '=', customerId)
    .where('type', '=', 'plan.published')
    .orderBy('seq')
    .execute() as Promise<EventRow[]>;
}

/** The triage items taken into an incident (opened as it, or attached to it): where it came from. */
export async function triageItemsOfIncident(db: Kysely<DB>, incidentId: string): Promise<string[]> {
  const rows = await db.selectFrom('triage_items').select('id').where('incident_id', '=', incidentId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** One page of evidence items with a chain of custody, in id order: the head each one's custody stream must end at. */
export function custodyHeadPage(db: Kysely<DB>, after: string | null, limit: number) {
  let query = db
    .selectFrom('evidence')
    .select(['id', 'name', 'custody_version', 'custody_head'])
    .where('custody_version', '>', 0);
  if (after !== null) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}

/** Custody streams of no evidence item (a preservation request's, or an item's whose row was deleted), in id order. */
export async function otherCustodyStreams(db: Kysely<DB>, after: string | null, limit: number): Promise<string[]> {
  let query = db
    .selectFrom('events as e')
    .select('e.stream_id')
    .distinct()
    .where('e.stream_type', '=', 'custody')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('evidence').select('evidence.id').whereRef('evidence.id', '=', 'e.stream_id'))),
    );
  if (after !== null) query = query.where('e.stream_id', '>', after);
  const rows = await query.orderBy('e.stream_id').limit(limit).execute();
  return rows.map((r) => r.stream_id);
}
