import type { OpenClock } from '../../shared/api-types.ts';
import type { PlanSnapshot } from '../../shared/prepare-types.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { effectiveSeverity } from '../incidents/incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import type { Criticality, ObligationFacts } from '../obligations/obligation.ts';
import { openClocks } from '../obligations/open-clocks.ts';
import { currentPlanContents } from '../plans/plan-contents.ts';
import { findPlanVersion } from '../plans/plans.queries.ts';

const CRITICALITY_ORDER: Criticality[] = ['low', 'medium', 'high', 'critical'];
const MAX_CACHED = 200;
// Published versions never change, so their parsed snapshots are kept; drafts are read fresh every time.
const published = new Map<string, { snapshot: PlanSnapshot; row: { id: string } }>();

/** The plan the incident works from: its linked published version, or the customer's current draft (row null). */
export async function incidentSnapshot(
  tx: Tx,
  dialect: Dialect,
  state: IncidentState,
  now: Date,
): Promise<{ snapshot: PlanSnapshot; planVersionId: string | null } | null> {
  if (!state.customerId) return null;
  if (state.planVersionId) {
    const hit = published.get(state.planVersionId);
    if (hit) return { snapshot: hit.snapshot, planVersionId: state.planVersionId };
    const row = await findPlanVersion(tx, state.planVersionId);
    if (row) {
      const snapshot = JSON.parse(row.snapshot) as PlanSnapshot;
      if (published.size >= MAX_CACHED) published.clear();
      published.set(row.id, { snapshot, row });
      return { snapshot, planVersionId: row.id };
    }
  }
  return { snapshot: await currentPlanContents(tx, dialect, state.customerId, now), planVersionId: null };
}

/** The enabled obligation and its stage in the incident's plan (so of its own customer), or null without one. */
export async function planStage(
  tx: Tx,
  dialect: Dialect,
  incident: IncidentState,
  obligationId: string,
  stageId: string,
  now: Date,
) {
  const plan = await incidentSnapshot(tx, dialect, incident, now);
  const obligation = plan?.snapshot.obligations.find((o) => o.definition.id === obligationId && o.enabled);
  const stage = obligation?.definition.stages.find((s) => s.id === stageId);
  return plan && obligation && stage ? { plan, obligation, stage } : null;
}

/** What obligation rules are evaluated against: the incident's fields and its affected services in the plan. */
export function obligationFacts(state: IncidentState, snapshot: PlanSnapshot): ObligationFacts {
  const affected = snapshot.services.filter((s) => state.serviceIds.includes(s.id));
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
    submissions: Object.fromEntries(Object.entries(state.submissions ?? {}).map(([ref, s]) => [ref, s.at])),
  };
}

/** The clocks of the incident's plan still open now (neither met nor waived); none without a customer. */
export async function openClocksOf(tx: Tx, dialect: Dialect, state: IncidentState, now: Date): Promise<OpenClock[]> {
  const plan = await incidentSnapshot(tx, dialect, state, now);
  if (!plan) return [];
  return openClocks(plan.snapshot.obligations, obligationFacts(state, plan.snapshot), state.waivers ?? {}, now);
}
