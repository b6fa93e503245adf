import type { IncidentPlan, PlanSnapshot } from '../../shared/prepare-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { effectiveSeverity } from '../incidents/incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { type Criticality, evaluateObligation, type Obligation } from '../obligations/obligation.ts';
import { suggestPlaybooks } from '../playbooks/playbook.ts';
import { currentPlanContents } from './plan-contents.ts';
import { findPlanVersion } from './plans.queries.ts';
import { planSummary } from './publish-plan.ts';

const CRITICALITY_ORDER: Criticality[] = ['low', 'medium', 'high', 'critical'];

/**
 * What the incident's plan says for it right now: contacts and ladders, the obligations that apply with their
 * clocks (re-evaluated from the incident's current fields on every call), playbooks for its category and the
 * connections of its affected services.
 */
export async function incidentPlan(deps: Deps, actor: Actor, idOrKey: string): Promise<IncidentPlan | null> {
  const { state } = await readIncident(deps, actor, idOrKey);
  if (!state.customerId) return null;
  const now = deps.clock.now();
  const row = state.planVersionId ? await findPlanVersion(deps.database.db, state.planVersionId) : undefined;
  const snapshot: PlanSnapshot = row
    ? JSON.parse(row.snapshot)
    : await currentPlanContents(deps.database.db, deps.database.dialect, state.customerId, now);
  const affected = snapshot.services.filter((s) => state.serviceIds.includes(s.id));
  const obligations = snapshot.obligations
    .map((obligation) => ({
      ...evaluateObligation(obligation.definition as Obligation, factsOf(state, affected), now),
      obligation,
    }))
    .sort((a, b) => Number(b.applies) - Number(a.applies));
  const playbooks = suggestPlaybooks(snapshot.playbooks, state.category);
  return {
    plan: row ? planSummary(row, now, false) : null,
    draft: !row,
    contacts: snapshot.contacts,
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

function factsOf(state: IncidentState, affected: PlanSnapshot['services']) {
  const highest = affected.reduce<Criticality | null>(
    (max, s) => (max === null || CRITICALITY_ORDER.indexOf(s.criticality) > CRITICALITY_ORDER.indexOf(max) ? s.criticality : max),
    null,
  );
  return {
    personalData: state.personalData,
    severity: effectiveSeverity(state),
    category: state.category,
    origin: state.origin,
    serviceCriticality: highest,
    awareAt: state.times.awareAt,
    classifiedAt: state.times.classifiedAt,
    determinations: state.determinations ?? {},
    submissions: {},
  };
}
