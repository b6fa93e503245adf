import type { IncidentRole } from '../../shared/incident-vocabulary.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { assertRolesOpen, currentHolder } from './assign-incident-role.ts';
import { appendToIncident } from './change-incident.ts';
import type { IncidentState } from './incident-state.ts';

/**
 * Leaves a role of the incident to nobody, as one timeline event. A role nobody holds stays so without an event
 * (removing twice, or two people at once, is not an error). The former holder stays on a TLP:RED access list.
 */
export async function removeIncidentRole(
  deps: Deps,
  actor: Actor,
  idOrKey: string,
  role: IncidentRole,
  expectedVersion?: number,
): Promise<IncidentState> {
  const { state } = await appendToIncident(deps, actor, idOrKey, {
    expectedVersion,
    async decide(tx, state) {
      assertRolesOpen(state);
      const holder = await currentHolder(tx, state, role);
      return holder ? [{ type: 'role.removed', data: { role, ...holder } }] : [];
    },
  });
  return state;
}
