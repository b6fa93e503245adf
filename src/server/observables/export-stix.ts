import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { effectiveSeverity } from '../incidents/incident.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { listObservables } from './list-observables.ts';
import { buildStixBundle } from './stix-bundle.ts';

/** The incident and its observables as a STIX 2.1 bundle, for whoever may read the incident. */
export async function exportStix(deps: Deps, actor: Actor, incidentIdOrKey: string) {
  const { state } = await readIncident(deps, actor, incidentIdOrKey);
  const observables = await listObservables(deps, actor, state.id);
  const bundle = buildStixBundle({
    incident: { ...state, severity: effectiveSeverity(state) },
    observables,
    publicUrl: deps.config.publicUrl,
  });
  return { bundle, key: state.key };
}
