import type { Playbook } from '../../shared/prepare-types.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { incidentSnapshot } from '../deadlines/incident-snapshot.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { effectivePlaybooks } from '../plans/plan-contents.ts';

/**
 * The playbooks an incident's tasks may come from: those of the plan it works from (its published version, or the
 * customer's draft), which the plan panel suggests from; an incident of no customer uses our organisation's.
 */
export async function incidentPlaybooks(tx: Tx, dialect: Dialect, incident: IncidentState, now: Date): Promise<Playbook[]> {
  const plan = await incidentSnapshot(tx, dialect, incident, now);
  return plan ? plan.snapshot.playbooks : effectivePlaybooks(tx, null);
}

/** A playbook named by its slug or its record id. */
export function findPlaybook(playbooks: Playbook[], idOrSlug: string): Playbook | undefined {
  return playbooks.find((p) => p.slug === idOrSlug) ?? playbooks.find((p) => p.id === idOrSlug);
}
