import type { IncidentEvent } from '../../shared/timeline-events.ts';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import type { JobDefinition } from '../core/jobs/jobs.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { notificationChange } from '../notifications/send-notification.ts';
import { TASK_DUE_JOB, type TaskDueJobPayload } from './project-tasks.ts';
import type { TaskState } from './task.ts';
import { isFinished } from './task.ts';
import { findTask, toTaskState } from './tasks.queries.ts';

const STATUS_WORDS: Record<string, string> = { open: 'not started', 'in-progress': 'in progress', blocked: 'blocked' };

/** Whether the task still needs its reminder for the due time the job was set for. */
function wantsReminder(task: TaskState | null, dueAt: string): task is TaskState {
  return task !== null && task.dueAt === dueAt && !task.remindedAt && !isFinished(task.status);
}

/**
 * At a task's due time: if it is still open, in progress or blocked and its assignee was not yet reminded for this
 * due time, task.reminded goes on the timeline together with a message to the assignee through their own channels
 * (coordinate-responders, to one person), in one transaction. The check is made again inside that transaction, so
 * the job running twice, or on two instances at once, reminds once. Without an assignee nobody is told, and the
 * event still records that it fell due; a closed or dismissed incident reminds nobody.
 */
export function taskDueJob(deps: Deps): JobDefinition<TaskDueJobPayload> {
  return {
    name: TASK_DUE_JOB,
    async handle(p) {
      const row = await findTask(deps.database.db, p.taskId);
      if (!wantsReminder(row ? toTaskState(row) : null, p.dueAt)) return;
      let message: ReturnType<typeof notificationChange> | null = null;
      await appendToIncident(deps, SYSTEM_ACTOR, p.incidentId, {
        async decide(tx, incident, now) {
          message = null;
          const fresh = await findTask(tx, p.taskId);
          const task = fresh ? toTaskState(fresh) : null;
          if (!wantsReminder(task, p.dueAt) || incident.status === 'closed' || incident.status === 'dismissed') return [];
          const told: IncidentEvent[] = [];
          if (task.assigneeId) {
            const draft = notificationChange(deps, SYSTEM_ACTOR, {
              purpose: 'coordinate-responders',
              kind: 'reminder',
              to: { userId: task.assigneeId },
              subject: `Task due: ${task.title} ({{incident.key}})`,
              body: [
                `Your task “${task.title}” on {{incident.key}} fell due at ${p.dueAt} (UTC) and is ${STATUS_WORDS[task.status] ?? task.status}.`,
                task.detail ? `\n${task.detail}` : '',
                '\nMark it done, or say what blocks it, on the incident in Muster.',
              ].join('\n'),
            });
            try {
              told.push(...(await draft.decide(tx, incident, now)));
              message = draft;
            } catch (error) {
              // The assignee's account was deactivated meanwhile: nobody to tell, but the task is still overdue.
              if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
            }
          }
          const reminded: IncidentEvent = {
            type: 'task.reminded',
            data: {
              taskId: task.id,
              title: task.title,
              dueAt: p.dueAt,
              assigneeId: message ? task.assigneeId : null,
              assigneeName: message ? task.assigneeName : null,
              notificationId: message ? message.created().id : null,
            },
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
