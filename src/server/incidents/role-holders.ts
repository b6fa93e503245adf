import type { RoleHolder } from '../../shared/api-types.ts';
import { INCIDENT_ROLES, type IncidentRole } from '../../shared/incident-vocabulary.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { incidentSnapshot } from '../deadlines/incident-snapshot.ts';
import { findUsersByContact, findUsersById } from './incident-roles.queries.ts';
import type { IncidentState } from './incident-state.ts';

/**
 * Every role's holder for this incident: the user assigned to the role on the incident; else, from the roster of
 * the incident's plan, the first of the role's people (holder, then deputies) whose contact is linked to an active
 * user. A role typed as a plain name on the incident, or held by nobody with an account, has no holder (null).
 */
export async function roleHolders(
  tx: Tx,
  dialect: Dialect,
  incident: IncidentState,
  now: Date,
): Promise<Record<IncidentRole, RoleHolder | null>> {
  const assigned = Object.values(incident.assignments ?? {}).filter((v): v is string => Boolean(v));
  const users = new Map((assigned.length ? await findUsersById(tx, assigned) : []).map((u) => [u.id, u]));
  const roster = (await incidentSnapshot(tx, dialect, incident, now))?.snapshot.roster ?? null;
  const people = roster?.entries.flatMap((e) => e.people) ?? [];
  const byContact = new Map((people.length ? await findUsersByContact(tx, people) : []).map((u) => [u.contact_id, u]));
  const holders = {} as Record<IncidentRole, RoleHolder | null>;
  for (const role of INCIDENT_ROLES) {
    const own = users.get(incident.assignments?.[role] ?? '');
    const fromRoster = roster?.entries
      .find((e) => e.role === role)
      ?.people.map((contactId) => byContact.get(contactId))
      .find(Boolean);
    holders[role] = own
      ? { userId: own.id, name: own.name, via: 'incident' }
      : fromRoster
        ? { userId: fromRoster.id, name: fromRoster.name, via: 'roster' }
        : null;
  }
  return holders;
}
