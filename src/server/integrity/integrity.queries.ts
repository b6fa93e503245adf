import type { Kysely, Selectable } from 'kysely';
import type { TriageItemsTable } from '../core/db/alerts-schema.ts';
import type { DB, IncidentAccessTable, IncidentsTable, PlanVersionsTable, RecordsTable } from '../core/db/schema.ts';
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
  return db
    .selectFrom('events as e')
    .select(['e.stream_id', 'e.stream_type'])
    .select((eb) => [eb.fn.countAll<number>().as('events'), eb.fn.max('e.seq').as('last_seq')])
    .where((eb) => {
      const { and, not, exists, selectFrom } = eb;
      return and([
        not(exists(selectFrom('incidents').select('incidents.id').whereRef('incidents.id', '=', 'e.stream_id'))),
        not(exists(selectFrom('records').select('records.id').whereRef('records.id', '=', 'e.stream_id'))),
        not(exists(selectFrom('triage_items').select('triage_items.id').whereRef('triage_items.id', '=', 'e.stream_id'))),
        // Custody streams have no projection of their own: verify-custody.ts checks them and their owners.
        eb('e.stream_type', '!=', 'custody'),
      ]);
    })
    .groupBy(['e.stream_id', 'e.stream_type'])
    .orderBy('e.stream_id')
    .execute();
}

/** One page of the ids of custody streams, in id order (keyset: the next page starts after `after`). */
export async function custodyStreamPage(db: Kysely<DB>, after: string | null, limit: number): Promise<string[]> {
  let query = db.selectFrom('events').select('stream_id').distinct().where('stream_type', '=', 'custody');
  if (after !== null) query = query.where('stream_id', '>', after);
  const rows = await query.orderBy('stream_id').limit(limit).execute();
  return rows.map((r) => r.stream_id);
}

export type CustodyOwner =
  | { kind: 'evidence'; name: string; version: number; head: string | null }
  | { kind: 'preservation'; items: string; answers: string };

/** Whose custody streams these are: an evidence item's, or a preservation request's (with what it stores). */
export async function custodyOwners(db: Kysely<DB>, ids: string[]): Promise<Map<string, CustodyOwner>> {
  const owners = new Map<string, CustodyOwner>();
  if (ids.length === 0) return owners;
  const items = await db
    .selectFrom('evidence')
    .select(['id', 'name', 'custody_version', 'custody_head'])
    .where('id', 'in', ids)
    .execute();
  for (const row of items) {
    owners.set(row.id, { kind: 'evidence', name: row.name, version: Number(row.custody_version), head: row.custody_head });
  }
  const requests = await db
    .selectFrom('preservation_requests')
    .select(['id', 'items', 'answers'])
    .where('id', 'in', ids)
    .execute();
  for (const row of requests) owners.set(row.id, { kind: 'preservation', items: row.items, answers: row.answers });
  return owners;
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

/** Evidence items whose chain of custody should hold steps but whose stream has none left (all were deleted). */
export function evidenceWithEmptyCustody(db: Kysely<DB>) {
  return db
    .selectFrom('evidence as v')
    .select(['v.id', 'v.name', 'v.custody_version'])
    .where('v.custody_version', '>', 0)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('events').select('events.seq').whereRef('events.stream_id', '=', 'v.id'))),
    )
    .orderBy('v.id')
    .execute();
}

/** One entry of an incident's access list as verify compares it (the names shown are not compared). */
export type AccessEntry = Pick<IncidentAccessTable, 'user_id' | 'user_name' | 'reason' | 'added_by_id' | 'added_at'>;

/** What verify compares beside an incident's row: its access list (in the order added) and its role holders. */
export interface BesideIncident {
  access: AccessEntry[];
  roles: { role: string; holder: string }[];
}

export async function besideIncidents(db: Kysely<DB>, incidentIds: string[]): Promise<Map<string, BesideIncident>> {
  const beside = new Map<string, BesideIncident>(incidentIds.map((id) => [id, { access: [], roles: [] }]));
  if (incidentIds.length === 0) return beside;
  const access = await db
    .selectFrom('incident_access')
    .select(['incident_id', 'user_id', 'user_name', 'reason', 'added_by_id', 'added_at'])
    .where('incident_id', 'in', incidentIds)
    .orderBy('added_at')
    .execute();
  for (const { incident_id, ...entry } of access) beside.get(incident_id)?.access.push(entry);
  const roles = await db.selectFrom('incident_roles').selectAll().where('incident_id', 'in', incidentIds).execute();
  for (const { incident_id, role, holder } of roles) beside.get(incident_id)?.roles.push({ role, holder });
  return beside;
}

/** Every user's id: who can be on an access list (users are never deleted, only deactivated). */
export async function userIds(db: Kysely<DB>): Promise<Set<string>> {
  const rows = await db.selectFrom('users').select('id').execute();
  return new Set(rows.map((r) => r.id));
}
