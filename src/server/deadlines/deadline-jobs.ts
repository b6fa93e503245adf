import { SYSTEM_ACTOR } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import type { JobDefinition } from '../core/jobs/jobs.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { sendNotification } from '../notifications/send-notification.ts';
import { findDeadline, markDeadlineMissed } from './deadlines.queries.ts';
import { type DeadlineJobPayload, DUE_JOB, REMIND_JOB } from './refresh-deadlines.ts';

const OPEN = new Set(['running', 'overdue']);

function inWords(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

/** Reminds the incident's team (the coordinate-responders ladder) that an obligation stage falls due soon. */
export function deadlineReminderJob(deps: Deps): JobDefinition<DeadlineJobPayload> {
  return {
    name: REMIND_JOB,
    async handle(p) {
      const row = await findDeadline(deps.database.db, p.incidentId, p.obligationId, p.stageId);
      if (!row || row.due_at !== p.dueAt || !OPEN.has(row.status)) return;
      await sendNotification(deps, SYSTEM_ACTOR, p.incidentId, {
        purpose: 'coordinate-responders',
        kind: 'reminder',
        subject: `Due in ${inWords(p.offsetMinutes ?? 0)}: ${row.obligation_name} — ${row.stage_name} for {{incident.key}}`,
        body: `${row.obligation_name} — ${row.stage_name} to ${row.recipient} is due at ${row.due_at} (UTC).\nRecord the submission in Muster when it is done.`,
      }).catch((error) => {
        // A customer without a responders ladder cannot be reminded through PACE; the dashboard still shows the clock.
        if ((error as { code?: string }).code !== 'conflict') throw error;
        deps.log.warn({ incidentId: p.incidentId, error: (error as Error).message }, 'deadline reminder not sent');
      });
    },
  };
}

/** At the due time: a stage not met (nor waived) is missed, which goes on the timeline and stays visible. */
export function deadlineDueJob(deps: Deps): JobDefinition<DeadlineJobPayload> {
  return {
    name: DUE_JOB,
    async handle(p) {
      const row = await findDeadline(deps.database.db, p.incidentId, p.obligationId, p.stageId);
      if (!row || row.due_at !== p.dueAt || row.missed_at || !OPEN.has(row.status)) return;
      await appendToIncident(deps, SYSTEM_ACTOR, p.incidentId, {
        decide: (_tx, incident) => {
          const ref = `${p.obligationId}/${p.stageId}`;
          if (incident.submissions?.[ref] || incident.waivers?.[ref]) return [];
          return [
            {
              type: 'deadline.missed',
              data: {
                obligationId: p.obligationId,
                stageId: p.stageId,
                obligation: row.obligation_name,
                stage: row.stage_name,
                dueAt: p.dueAt,
              },
            },
          ];
        },
        alongside: (tx, _next, _events, now) => markDeadlineMissed(tx, row, now.toISOString()),
      });
    },
  };
}
