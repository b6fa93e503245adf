import { sql } from 'kysely';
import type { Dialect } from '../core/db/database.ts';
import { prepared } from '../core/db/prepared.ts';
import type { IncidentAccessTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';

export const RED = 'TLP:RED';

/**
 * The SQL form of the need-to-know rule, for list queries: the incident whose id is in `incidentId` is not
 * TLP:RED, or `userId` is on its access list. null: no restriction (the system itself).
 */
export function readableIncident(
  incidentId: 'incidents.id' | 'incident_search.incident_id' | 'deadlines.incident_id' | 'triage_items.incident_id',
  userId: string | null,
) {
  if (userId === null) return sql<boolean>`1 = 1`;
  const listed = (id: string) =>
    sql`exists (select 1 from incident_access listed where listed.incident_id = ${sql.ref(id)} and listed.user_id = ${userId})`;
  // On the incidents table itself the row's own tlp decides, so the list is only looked at for RED rows and the
  // planner keeps walking the list's index in order (a self-join made PostgreSQL read every incident each time).
  if (incidentId === 'incidents.id') return sql<boolean>`(incidents.tlp <> ${RED} or ${listed('incidents.id')})`;
  // PostgreSQL's search table holds a copy of the tlp (migration 0021).
  if (incidentId === 'incident_search.incident_id')
    return sql<boolean>`(incident_search.tlp <> ${RED} or ${listed('incident_search.incident_id')})`;
  return sql<boolean>`not exists (select 1 from incidents red where red.id = ${sql.ref(incidentId)} and red.tlp = ${RED}
    and not exists (select 1 from incident_access listed where listed.incident_id = red.id and listed.user_id = ${userId}))`;
}

export async function isOnAccessList(tx: Tx, incidentId: string, userId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('incident_access')
    .select('user_id')
    .where('incident_id', '=', incidentId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export function listAccess(tx: Tx, incidentId: string): Promise<IncidentAccessTable[]> {
  return tx.selectFrom('incident_access').selectAll().where('incident_id', '=', incidentId).orderBy('added_at').execute();
}

/** Puts a person on the list; someone already on it keeps the entry (and the reason) they have. */
export async function insertAccess(tx: Tx, row: IncidentAccessTable): Promise<void> {
  await tx
    .insertInto('incident_access')
    .values(row)
    .onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing())
    .execute();
}

const ACCESS_COLUMNS = ['incident_id', 'user_id', 'user_name', 'reason', 'added_by_id', 'added_by_name', 'added_at'] as const;

// The check that the user exists and the insert in one statement: a report's access entry costs one round trip.
const insertUserAccessQuery = prepared((db, slot) =>
  db
    .insertInto('incident_access')
    .columns(ACCESS_COLUMNS)
    .expression(
      db
        .selectNoFrom(ACCESS_COLUMNS.map((c) => sql<string>`${slot(c)}`.as(c)))
        .where(({ exists, selectFrom }) => exists(selectFrom('users').select('id').where('id', '=', slot('user_id')))),
    )
    .onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing()),
);

/** insertAccess if row.user_id is a user (intake, alert rules and signed links are nobody's reader). */
export async function insertUserAccess(tx: Tx, dialect: Dialect, row: IncidentAccessTable): Promise<void> {
  await insertUserAccessQuery.unanswered(tx, dialect, row);
}

export async function deleteAccess(tx: Tx, incidentId: string, userId: string): Promise<void> {
  await tx.deleteFrom('incident_access').where('incident_id', '=', incidentId).where('user_id', '=', userId).execute();
}

export function activeUser(tx: Tx, id: string) {
  return tx
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

/** The people among `ids` who have an account (assignments may name people by text). */
export function usersAmong(tx: Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** For the live feed: each incident's current customer and TLP, and for the RED ones who is on the list. */
export async function incidentReaders(
  tx: Tx,
  incidentIds: string[],
): Promise<Map<string, { customerId: string | null; readers: Set<string> | null }>> {
  const result = new Map<string, { customerId: string | null; readers: Set<string> | null }>();
  if (incidentIds.length === 0) return result;
  const rows = await tx.selectFrom('incidents').select(['id', 'customer_id', 'tlp']).where('id', 'in', incidentIds).execute();
  const red: string[] = [];
  for (const r of rows) {
    result.set(r.id, { customerId: r.customer_id, readers: r.tlp === RED ? new Set() : null });
    if (r.tlp === RED) red.push(r.id);
  }
  if (red.length) {
    const listed = await tx
      .selectFrom('incident_access')
      .select(['incident_id', 'user_id'])
      .where('incident_id', 'in', red)
      .execute();
    for (const l of listed) result.get(l.incident_id)?.readers?.add(l.user_id);
  }
  return result;
}
