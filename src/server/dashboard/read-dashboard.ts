import {
  CLOCK_RISK_HOURS,
  CLOCK_RISK_LIMIT,
  type ClockAtRisk,
  type DashboardPart,
  type DashboardSummary,
} from '../../shared/dashboard-types.ts';
import type { IncidentStatus, Severity } from '../../shared/incident-vocabulary.ts';
import { type Actor, assertCan, listReader, visibleCustomers } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { type ClockAtRiskRow, countOpenIncidents, type DashboardScope, listClocksAtRisk } from './dashboard.queries.ts';

const HOUR = 3_600_000;

function emptyPart(): DashboardPart {
  return { open: { total: 0, cells: [] }, clocks: { total: 0, overdue: 0, items: [] } };
}

function clockView(row: ClockAtRiskRow, now: string): ClockAtRisk {
  return {
    incidentId: row.incident_id,
    incidentKey: row.incident_key,
    incidentTitle: row.incident_title,
    incidentStage: row.incident_status as IncidentStatus,
    customerId: row.customer_id,
    obligationId: row.obligation_id,
    obligationName: row.obligation_name,
    stageId: row.stage_id,
    stageName: row.stage_name,
    recipient: row.recipient,
    dueAt: row.due_at,
    overdue: row.due_at < now,
  };
}

/**
 * The work that stands for the actor, over the incidents they may read (the incident list's rule: their customers'
 * and those of no customer, TLP:RED only when on its list): open incidents by severity and stage, and the clocks
 * due within the window or past due, soonest first. Exercises are summed apart from real incidents, never with them.
 */
export async function readDashboard(deps: Deps, actor: Actor): Promise<DashboardSummary> {
  assertCan(actor, 'incident.read');
  const scope: DashboardScope = { visible: visibleCustomers(actor), reader: listReader(actor) };
  const at = deps.clock.now();
  const now = at.toISOString();
  const horizon = new Date(at.getTime() + CLOCK_RISK_HOURS * HOUR).toISOString();
  const { db } = deps.database;
  const [counts, clocks] = await Promise.all([
    countOpenIncidents(db, scope),
    listClocksAtRisk(db, scope, { now, horizon, limit: CLOCK_RISK_LIMIT }),
  ]);
  const real = emptyPart();
  const exercise = emptyPart();
  const partOf = (flag: number | string) => (Number(flag) ? exercise : real);
  for (const row of counts) {
    const part = partOf(row.exercise);
    const count = Number(row.n);
    part.open.total += count;
    part.open.cells.push({ severity: row.severity as Severity | null, stage: row.status as IncidentStatus, count });
  }
  for (const row of clocks) {
    const part = partOf(row.exercise);
    part.clocks.total = Number(row.total);
    part.clocks.overdue = Number(row.overdue);
    part.clocks.items.push(clockView(row, now));
  }
  return { now, windowHours: CLOCK_RISK_HOURS, real, exercise };
}
