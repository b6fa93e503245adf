import type { IncidentEvent } from '../../shared/timeline-events.ts';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import type { JobDefinition } from '../core/jobs/jobs.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { notificationChange } from '../notifications/send-notification.ts';
import { type ActionState, isActionFinished } from './action.ts';
import { findAction, toActionState } from './actions.queries.ts';
import { ACTION_DUE_JOB, type ActionDueJobPayload } from './project-actions.ts';

/** Whether the action still needs its reminder for the due time the job was set for. */
function wantsReminder(action: ActionState | null, dueAt: string): action is ActionState {
  return action !== null && action.dueAt === dueAt && !action.remindedAt && !isActionFinished(action.status);
}

/**
 * At an action's due time: if it is still open or in progress and its owner was not yet reminded for this due time,
 * action.reminded goes on the incident's timeline together with a message to the owner through their own channels
 * (coordinate-responders, to one person), in one transaction. The check is made again inside that transaction, so
 * the job running twice, or on two instances at once, reminds once. Unlike a task's, an action's reminder goes on a
 * closed incident too: the action outlives it. Without an owner nobody is told, and the event still records it.
 */
export function actionDueJob(deps: Deps): JobDefinition<ActionDueJobPayload> {
  return {
    name: ACTION_DUE_JOB,
    async handle(p) {
      const row = await findAction(deps.database.db, p.actionId);
      if (!wantsReminder(row ? toActionState(row) : null, p.dueAt)) return;
      let message: ReturnType<typeof notificationChange> | null = null;
      await appendToIncident(deps, SYSTEM_ACTOR, p.incidentId, {
        async decide(tx, incident, now) {
          message = null;
          const fresh = await findAction(tx, p.actionId);
          const action = fresh ? toActionState(fresh) : null;
          if (!wantsReminder(action, p.dueAt) || incident.status === 'dismissed') return [];
          const told: IncidentEvent[] = [];
          if (action.ownerId) {
            const draft = notificationChange(deps, SYSTEM_ACTOR, {
              purpose: 'coordinate-responders',
              kind: 'reminder',
              to: { userId: action.ownerId },
              subject: `Action due: ${action.title} ({{incident.key}})`,
              body: [
                `The action “${action.title}” from the review of {{incident.key}} fell due at ${p.dueAt} (UTC) and is ${action.status === 'open' ? 'not started' : 'in progress'}.`,
                action.detail ? `\n${action.detail}` : '',
                action.target
                  ? `\nIt is done when the customer's plan is published with the change to ${action.target.name}.`
                  : '\nMark it done, or give it a new due date, under My actions in Muster.',
              ].join('\n'),
            });
            try {
              told.push(...(await draft.decide(tx, incident, now)));
              message = draft;
            } catch (error) {
              // The owner's account was deactivated meanwhile: nobody to tell, but the action is still overdue.
              if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
            }
          }
          const reminded: IncidentEvent = {
            type: 'action.reminded',
            data: { actionId: action.id, title: action.title, ownerId: message ? action.ownerId : null, dueAt: p.dueAt },
          };
          return [...told, reminded];
        },
        async alongside(tx, next, events, now) {
          if (message) await message.alongside(tx, next, events, now);
        },
      });
    },
  };
}
