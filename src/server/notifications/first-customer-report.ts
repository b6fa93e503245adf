import type { Origin } from '../../shared/incident-vocabulary.ts';
import { DEFAULT_FIRST_REPORT, type FirstReportSetting, type PlanSnapshot, type Service } from '../../shared/prepare-types.ts';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import type { JobDefinition } from '../core/jobs/jobs.ts';
import { incidentSnapshot, obligationFacts } from '../deadlines/incident-snapshot.ts';
import { CUSTOMER_REPORT_JOB, type CustomerReportPayload, type FirstReportMoment } from '../incidents/incident-jobs.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { findIncident } from '../incidents/incidents.queries.ts';
import { evaluateObligation, type Obligation } from '../obligations/obligation.ts';
import { checkListLines, connectionsToCheck } from '../plans/check-list.ts';
import { currentServices } from '../plans/plan-contents.ts';
import { hasNotificationFor } from './notifications.queries.ts';
import { sendFirstNotification } from './send-notification.ts';

const PURPOSE = 'notify-customer';

/**
 * Pure: what the first report does at this moment under the customer's setting — go by itself, be prepared as a
 * draft for a person to send, or nothing yet. A reported attack sends it only where the plan says "on report";
 * at DP1 it goes by itself unless the plan says "by hand", for an attack or when an obligation to tell the
 * customer applies.
 */
export function firstReportAction(
  setting: FirstReportSetting,
  moment: FirstReportMoment,
  origin: Origin,
  owed: boolean,
): 'send' | 'draft' | null {
  if (moment === 'reported') return setting === 'on-report' && origin === 'attack' ? 'send' : null;
  if (origin !== 'attack' && !owed) return null;
  return setting === 'by-hand' ? 'draft' : 'send';
}

/**
 * Pure: the stage the first report submits — of the customer's obligations to be told that apply now, the open
 * stage due soonest (for a reported attack: "immediately on a suspected attack"). Its delivery meets the stage.
 */
export function firstReportStage(snapshot: PlanSnapshot, incident: IncidentState, now: Date): string | null {
  const facts = obligationFacts(incident, snapshot);
  let best: { ref: string; due: number } | null = null;
  for (const { definition, enabled } of snapshot.obligations) {
    if (!enabled || definition.pacePurpose !== PURPOSE) continue;
    const verdict = evaluateObligation(definition as Obligation, facts, now);
    if (!verdict.applies) continue;
    for (const stage of verdict.stages) {
      const ref = `${definition.id}/${stage.stageId}`;
      if (stage.submittedAt || incident.waivers?.[ref]) continue;
      const due = stage.dueAt ? Date.parse(stage.dueAt) : Number.POSITIVE_INFINITY;
      if (!best || due < best.due) best = { ref, due };
    }
  }
  return best?.ref ?? null;
}

/** The first report's words: what we know, that we wait for instructions, and the connections to check. */
function firstReportBody(incident: IncidentState, affected: Service[]): string {
  const connections = checkListLines(connectionsToCheck(affected, incident.serviceIds));
  return [
    `We are handling a security incident that concerns you${incident.origin === 'attack' ? ' (a suspected attack)' : ''}.`,
    '',
    '{{incident.description}}',
    '',
    'Until you instruct us otherwise we secure information and evidence and do not change your systems.',
    ...(connections.length
      ? [
          '',
          "Check these: the affected services' connections to other systems, which may have been used to move on:",
          ...connections,
        ]
      : []),
  ].join('\n');
}

/**
 * "Report to the customer immediately": the first report to the customer's contact point, worded here and only
 * here, with the affected services' connections listed. The customer's plan (the version the incident links)
 * says when it goes up the notify-customer ladder by itself — when a suspected attack is reported, at DP1, or
 * never, when it is prepared as a draft at DP1 for one click. It carries the obligation stage it submits, so its
 * delivery meets that clock. It goes once per incident, whichever job gets there first.
 */
export function firstCustomerReportJob(deps: Deps): JobDefinition<CustomerReportPayload> {
  return {
    name: CUSTOMER_REPORT_JOB,
    async handle({ incidentId, moment = 'dp1' }) {
      const { db, dialect } = deps.database;
      const incident = (await findIncident(db, dialect, incidentId))?.state;
      if (!incident?.customerId || incident.status === 'dismissed' || incident.status === 'closed') return;
      const now = deps.clock.now();
      const plan = await incidentSnapshot(db, dialect, incident, now);
      if (!plan || (await hasNotificationFor(db, incidentId, PURPOSE))) return;
      const setting = plan.snapshot.customer.firstReport ?? DEFAULT_FIRST_REPORT;
      const obligationRef = firstReportStage(plan.snapshot, incident, now);
      const action = firstReportAction(setting, moment, incident.origin, obligationRef !== null);
      if (!action) return;
      const affected = await currentServices(db, incident.customerId, incident.serviceIds);
      await sendFirstNotification(deps, SYSTEM_ACTOR, incidentId, {
        purpose: PURPOSE,
        subject: 'Security incident {{incident.key}}: {{incident.title}}',
        body: firstReportBody(incident, affected),
        draft: action === 'draft',
        automatic: action === 'send',
        obligationRef,
      }).catch((error) => {
        // No notify-customer ladder: nothing can go; the clock keeps running and says so on the incident page.
        if ((error as { code?: string }).code !== 'conflict') throw error;
        deps.log.warn({ incidentId, error: (error as Error).message }, 'first report to the customer not sent');
      });
    },
  };
}
