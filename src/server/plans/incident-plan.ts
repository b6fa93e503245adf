import type { IncidentPlan } from '../../shared/prepare-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { incidentSnapshot, obligationFacts } from '../deadlines/incident-snapshot.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { evaluateObligation, type Obligation } from '../obligations/obligation.ts';
import { suggestPlaybooks } from '../playbooks/playbook.ts';
import { publicContact } from '../registry/public-address.ts';
import { findPlanVersionSummary } from './plans.queries.ts';
import { planSummary } from './publish-plan.ts';

/**
 * What the incident's plan says for it right now: contacts and ladders, the obligations that apply with their
 * clocks (re-evaluated from the incident's current fields on every call), playbooks for its category and the
 * connections of its affected services.
 */
export async function incidentPlan(deps: Deps, actor: Actor, idOrKey: string): Promise<IncidentPlan | null> {
  const { state } = await readIncident(deps, actor, idOrKey);
  if (!state.customerId) return null;
  const now = deps.clock.now();
  const plan = await incidentSnapshot(deps.database.db, deps.database.dialect, state, now);
  if (!plan) return null;
  const { snapshot } = plan;
  const row = plan.planVersionId ? await findPlanVersionSummary(deps.database.db, plan.planVersionId) : undefined;
  const affected = snapshot.services.filter((s) => state.serviceIds.includes(s.id));
  const facts = obligationFacts(state, snapshot);
  const obligations = snapshot.obligations
    .map((obligation) => {
      const verdict = evaluateObligation(obligation.definition as Obligation, facts, now);
      const waived = (stage: { stageId: string }) => state.waivers?.[`${obligation.definition.id}/${stage.stageId}`];
      const stages = verdict.stages.map((s) =>
        waived(s) ? { ...s, status: 'waived' as const, waivedReason: waived(s)?.reason } : s,
      );
      return { ...verdict, stages, obligation };
    })
    .sort((a, b) => Number(b.applies) - Number(a.applies));
  const playbooks = suggestPlaybooks(snapshot.playbooks, state.category);
  return {
    plan: row ? planSummary(row, now, false) : null,
    draft: !row,
    // Read by everyone on the incident: no channel's webhook URL (see publicAddress).
    contacts: snapshot.contacts.map(publicContact),
    pacePlans: snapshot.pacePlans,
    roster: snapshot.roster,
    obligations,
    playbooks,
    checkList: affected.map((s) => ({
      serviceId: s.id,
      serviceName: s.name,
      criticality: s.criticality,
      connections: s.connections,
    })),
  };
}
