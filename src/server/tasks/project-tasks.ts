import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { enqueueMany, type NewJob } from '../core/jobs/jobs.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { dueAtFor, evolveTask, isFinished, type TaskState } from './task.ts';
import {
  findTasks,
  insertTasks,
  taskRow,
  tasksFollowingClocks,
  toTaskState,
  updateTask,
  updateTaskCopies,
} from './tasks.queries.ts';

/** The durable job that reminds a task's assignee when it falls due (see remind-task.ts). */
export const TASK_DUE_JOB = 'task.due';

export interface TaskDueJobPayload {
  incidentId: string;
  taskId: string;
  /** The due time it was set for: if the task's due time moved since, the job has nothing to do. */
  dueAt: string;
}

type TaskEvent = StoredEvent<Extract<IncidentEvent, { type: 'task.created' | 'task.changed' | 'task.reminded' }>>;

const isTaskEvent = (e: StoredEvent<IncidentEvent>): e is TaskEvent =>
  e.type === 'task.created' || e.type === 'task.changed' || e.type === 'task.reminded';

const clocksOf = (s: IncidentState) => [s.times.awareAt, s.times.confirmedAt ?? null, s.times.classifiedAt].join('|');

/**
 * Keeps the tasks table in step with an incident change, in its transaction: task events are folded into their
 * rows; when a clock starts or moves (awareness, DP1, DP2) the tasks that follow it get their due time; the
 * incident's key, title and customer are copied onto its tasks. Every open task with a due time not yet
 * reminded has a durable reminder job for that time.
 */
export async function projectTasks(
  tx: Tx,
  previous: IncidentState,
  next: IncidentState,
  events: StoredEvent<IncidentEvent>[],
  now: Date,
): Promise<void> {
  const taskEvents = events.filter(isTaskEvent);
  if (taskEvents.length) await foldTaskEvents(tx, next, events, taskEvents, now);
  if (previous.title !== next.title || previous.customerId !== next.customerId || previous.key !== next.key) {
    await updateTaskCopies(tx, next);
  }
  if (clocksOf(previous) !== clocksOf(next)) await followClocks(tx, next, now);
}

async function foldTaskEvents(
  tx: Tx,
  incident: IncidentState,
  events: StoredEvent<IncidentEvent>[],
  taskEvents: TaskEvent[],
  now: Date,
): Promise<void> {
  const playbookNames = new Map<string, string>();
  for (const e of events) if (e.type === 'tasks.applied') playbookNames.set(e.data.playbookId, e.data.playbookName);
  const existingIds = [...new Set(taskEvents.filter((e) => e.type !== 'task.created').map((e) => e.data.taskId))];
  const tasks = new Map((await findTasks(tx, existingIds)).map((row) => [row.id, toTaskState(row)]));
  const created = new Set<string>();
  const remind: { task: TaskState; key: string }[] = [];
  for (const e of taskEvents) {
    const before = tasks.get(e.data.taskId) ?? null;
    const after = evolveTask(before, e);
    if (e.type === 'task.created') {
      created.add(after.id);
      after.playbookName = after.playbookId ? (playbookNames.get(after.playbookId) ?? null) : null;
      remind.push({ task: after, key: '' });
    } else if (e.type === 'task.changed' && before) {
      const reopened = isFinished(before.status) && !isFinished(after.status);
      if (reopened) remind.push({ task: after, key: `:reopened:${after.version}` });
      else if ('dueAt' in e.data.changes || 'assigneeId' in e.data.changes) remind.push({ task: after, key: '' });
    }
    tasks.set(after.id, after);
  }
  await insertTasks(
    tx,
    [...created].map((id) => taskRow(tasks.get(id) as TaskState, incident)),
  );
  for (const [id, task] of tasks) if (!created.has(id)) await updateTask(tx, taskRow(task, incident));
  await enqueueMany(
    tx,
    remind.flatMap(({ task, key }) => reminderJob(tasks.get(task.id) ?? task, now, key)),
    now,
  );
}

/** Tasks whose due time is an offset from a clock take the clock's new start. */
async function followClocks(tx: Tx, incident: IncidentState, now: Date): Promise<void> {
  const jobs: NewJob[] = [];
  for (const row of await tasksFollowingClocks(tx, incident.id)) {
    const task = toTaskState(row);
    const dueAt = dueAtFor(task.due, incident.times);
    if (dueAt === task.dueAt) continue;
    const moved: TaskState = { ...task, dueAt, remindedAt: null };
    await updateTask(tx, taskRow(moved, incident));
    jobs.push(...reminderJob(moved, now, ''));
  }
  await enqueueMany(tx, jobs, now);
}

/** The reminder job at the task's due time: one per due time (and again after the task is reopened), or none. */
function reminderJob(task: TaskState, now: Date, key: string): NewJob[] {
  if (!task.dueAt || task.remindedAt || isFinished(task.status)) return [];
  const due = new Date(task.dueAt);
  const payload: TaskDueJobPayload = { incidentId: task.incidentId, taskId: task.id, dueAt: task.dueAt };
  return [{ name: TASK_DUE_JOB, payload, runAt: due < now ? now : due, uniqueKey: `task-due:${task.id}:${task.dueAt}${key}` }];
}
