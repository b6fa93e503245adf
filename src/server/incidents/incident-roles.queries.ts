import { sql } from 'kysely';
import type { Tx } from '../core/db/transaction.ts';

/** Makes the incident's role table say what its assignments say (role → user id, or a name typed as text). */
export async function replaceIncidentRoles(tx: Tx, incidentId: string, assignments: Record<string, string | undefined>) {
  await tx.deleteFrom('incident_roles').where('incident_id', '=', incidentId).execute();
  const rows = Object.entries(assignments)
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([role, holder]) => ({ incident_id: incidentId, role, holder }));
  if (rows.length) await tx.insertInto('incident_roles').values(rows).execute();
}

/**
 * The SQL form of "mine", for the list: `userId` holds a role on the incident whose id is in `incidentId`, or has
 * an unfinished task on it (tasks_by_incident finds it).
 */
export function involvedIn(incidentId: 'incidents.id', userId: string) {
  const id = sql.ref(incidentId);
  return sql<boolean>`(exists (select 1 from incident_roles held where held.incident_id = ${id} and held.holder = ${userId})
    or exists (select 1 from tasks mine where mine.incident_id = ${id} and mine.assignee_id = ${userId} and mine.finished = 0))`;
}

/** The active users among these ids. */
export function findUsersById(tx: Tx, ids: string[]) {
  return tx.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).where('disabled_at', 'is', null).execute();
}

/** The active users linked to these contacts (see users.contact_id). */
export function findUsersByContact(tx: Tx, contactIds: string[]) {
  return tx
    .selectFrom('users')
    .select(['id', 'name', 'contact_id'])
    .where('contact_id', 'in', contactIds)
    .where('disabled_at', 'is', null)
    .execute();
}
