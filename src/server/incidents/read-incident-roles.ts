import type { IncidentRoles } from '../../shared/api-types.ts';
import { INCIDENT_ROLE_LABELS, INCIDENT_ROLES } from '../../shared/incident-vocabulary.ts';
import { type Actor, can } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { readIncident } from './read-incident.ts';
import { roleCandidates } from './role-eligibility.ts';
import { roleHolders } from './role-holders.ts';

/**
 * Every CSIRT role of an incident in the roster's order with its holder (named on the incident, else the roster's
 * holder with an account) and the raw assignment, which may be a name typed on the incident; 404 as readIncident.
 */
export async function readIncidentRoles(deps: Deps, actor: Actor, idOrKey: string): Promise<IncidentRoles> {
  const { state } = await readIncident(deps, actor, idOrKey);
  const { db, dialect } = deps.database;
  const holders = await roleHolders(db, dialect, state, deps.clock.now());
  const mayChange = can(actor, 'incident.change', state.customerId);
  return {
    roles: INCIDENT_ROLES.map((role) => ({
      role,
      label: INCIDENT_ROLE_LABELS[role],
      holder: holders[role],
      assigned: state.assignments?.[role] ?? null,
    })),
    candidates: mayChange ? await roleCandidates(db, state) : [],
  };
}
