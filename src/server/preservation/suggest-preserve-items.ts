import type { SuggestedPreserveItems } from '../../shared/preservation-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { incidentPlaybooks } from '../tasks/incident-playbooks.ts';
import { appliedPlaybooks } from '../tasks/tasks.queries.ts';
import { preserveItemsFor } from './preserve-items.ts';

/** What the request form starts with (see preserveItemsFor), for whoever may read the incident (404 otherwise). */
export async function suggestPreserveItems(deps: Deps, actor: Actor, incidentIdOrKey: string): Promise<SuggestedPreserveItems> {
  const { state } = await readIncident(deps, actor, incidentIdOrKey);
  const { db, dialect } = deps.database;
  const [playbooks, applied] = await Promise.all([
    incidentPlaybooks(db, dialect, state, deps.clock.now()),
    appliedPlaybooks(db, state.id),
  ]);
  return preserveItemsFor(playbooks, applied, state.category);
}
