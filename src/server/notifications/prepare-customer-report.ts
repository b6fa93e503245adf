import { SYSTEM_ACTOR } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import type { JobDefinition } from '../core/jobs/jobs.ts';
import { incidentSnapshot, obligationFacts } from '../deadlines/incident-snapshot.ts';
import { CUSTOMER_REPORT_JOB } from '../incidents/incident-jobs.ts';
import { findIncident } from '../incidents/incidents.queries.ts';
import { evaluateObligation, type Obligation } from '../obligations/obligation.ts';
import { checkListLines, connectionsToCheck } from '../plans/check-list.ts';
import { currentPlanContents } from '../plans/plan-contents.ts';
import { listIncidentNotifications } from './notifications.queries.ts';
import { sendNotification } from './send-notification.ts';

/**
 * "Report to the customer immediately": when an incident is confirmed at DP1 and its origin is an attack (or an
 * obligation of the customer's to be told applies), the first report to the customer's contact point is
 * prepared as a draft, with the affected services' connections listed, so that sending it is one click. When
 * an obligation asks for it, sending the draft is that obligation's submission.
 */
export function prepareCustomerReportJob(deps: Deps): JobDefinition<{ incidentId: string }> {
  return {
    name: CUSTOMER_REPORT_JOB,
    async handle({ incidentId }) {
      const { db, dialect } = deps.database;
      const incident = (await findIncident(db, dialect, incidentId))?.state;
      if (!incident?.customerId) return;
      if ((await listIncidentNotifications(db, incidentId)).some((n) => n.purpose === 'notify-customer')) return;
      const now = deps.clock.now();
      const plan = await incidentSnapshot(db, dialect, incident, now);
      if (!plan) return;
      const facts = obligationFacts(incident, plan.snapshot);
      const owed = plan.snapshot.obligations
        .filter((o) => o.enabled && o.definition.pacePurpose === 'notify-customer')
        .map((o) => ({ o, verdict: evaluateObligation(o.definition as Obligation, facts, now) }))
        .find(({ verdict }) => verdict.applies);
      if (incident.origin !== 'attack' && !owed) return;
      const stage = owed?.verdict.stages.find((s) => !s.submittedAt);
      // The services as they are now: one added since the plan was published still has its connections checked.
      const { services } = await currentPlanContents(db, dialect, incident.customerId, now);
      const connections = checkListLines(connectionsToCheck(services, incident.serviceIds));
      const body = [
        'We are handling a security incident that concerns you{{incident.origin}}.',
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
      ]
        .join('\n')
        .replace('{{incident.origin}}', incident.origin === 'attack' ? ' (a suspected attack)' : '');
      await sendNotification(deps, SYSTEM_ACTOR, incidentId, {
        purpose: 'notify-customer',
        subject: 'Security incident {{incident.key}}: {{incident.title}}',
        body,
        draft: true,
        obligationRef: owed && stage ? `${owed.o.definition.id}/${stage.stageId}` : null,
      }).catch((error) => {
        if ((error as { code?: string }).code !== 'conflict') throw error;
        deps.log.warn({ incidentId, error: (error as Error).message }, 'first report to the customer not prepared');
      });
    },
  };
}
