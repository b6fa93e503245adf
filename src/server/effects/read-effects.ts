import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { listIncidentDeadlines } from '../deadlines/deadlines.queries.ts';
import { readIncident } from '../incidents/read-incident.ts';

/** The effects assessment of an incident the actor may read (else 404), with the incident's clocks. */
export async function readEffects(deps: Deps, actor: Actor, idOrKey: string) {
  const { state } = await readIncident(deps, actor, idOrKey);
  const deadlines = await listIncidentDeadlines(deps.database.db, state.id);
  return { state, deadlines };
}
