import { add } from 'date-fns/add';
import type { FieldChanges } from '../../shared/field-changes.ts';
import type { TaskCreated, TaskFields } from '../../shared/incident-events.ts';
import type { IncidentRole } from '../../shared/incident-vocabulary.ts';
import type { StepDue } from '../../shared/prepare-types.ts';
import { FINISHED_TASK_STATUSES, type TaskPhase, type TaskStatus } from '../../shared/task-types.ts';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import { AppError } from '../core/errors.ts';
import type { IncidentTimes } from '../incidents/incident-state.ts';

/**
 * A task: a piece of response work on an incident, from a playbook step or ad hoc. Its state is the fold of its
 * events on the incident's timeline (task.created, task.changed, task.reminded); the decisions below are pure, the
 * use-cases load what they need (the gate, the assignee) and append what they decide.
 */
export interface TaskState {
  id: string;
  incidentId: string;
  /** The seq of its task.created event: the incident's tasks in the order they were made. */
  seq: number;
  playbookId: string | null;
  playbookName: string | null;
  stepId: string | null;
  stepRef: string | null;
  phase: TaskPhase | null;
  role: IncidentRole | null;
  title: string;
  detail: string;
  assigneeId: string | null;
  assigneeName: string | null;
  dueAt: string | null;
  due: StepDue | null;
  needsInstruction: boolean;
  status: TaskStatus;
  note: string;
  override: string | null;
  version: number;
  remindedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const isFinished = (status: TaskStatus) => FINISHED_TASK_STATUSES.includes(status);

const CLOCK: Record<StepDue['from'], (times: IncidentTimes) => string | null | undefined> = {
  aware: (t) => t.awareAt,
  dp1: (t) => t.confirmedAt,
  dp2: (t) => t.classifiedAt,
};

/** When a task that follows `due` falls due for these incident times; null while its clock has not started. */
export function dueAtFor(due: StepDue | null, times: IncidentTimes): string | null {
  if (!due) return null;
  const start = CLOCK[due.from](times);
  return start ? add(new Date(start), due.after).toISOString() : null;
}

/** Whether the task is past its due time and still someone's to do. */
export function isOverdue(task: Pick<TaskState, 'dueAt' | 'status'>, now: Date): boolean {
  return task.dueAt !== null && Date.parse(task.dueAt) <= now.getTime() && !isFinished(task.status);
}

/** A new task, as its task.created event. */
export function decideCreate(task: TaskCreated): IncidentEvent {
  const title = task.title.trim();
  if (!title) throw new AppError('invalid', 'Say what the task is, e.g. "Isolate the file server"', 'title');
  return { type: 'task.created', data: { ...task, title, detail: task.detail.trim() } };
}

export interface ChangeTaskCommand {
  expectedVersion?: number;
  /** The new values; the assignee's name is resolved by the use-case with the id. */
  changes: Partial<TaskFields>;
  overrideReason?: string;
}

const CHANGEABLE: (keyof TaskFields)[] = ['title', 'detail', 'assigneeId', 'assigneeName', 'dueAt', 'due', 'status', 'note'];

/**
 * A change to a task, as one task.changed event (none when nothing differs). Stale expectedVersion: 409. A task
 * that needs the customer's instruction and is still blocked (`gate` says why) is marked done only with a reason,
 * which is recorded and flagged for the review.
 */
export function decideChange(task: TaskState, command: ChangeTaskCommand, gate: string | null): IncidentEvent[] {
  if (command.expectedVersion !== undefined && command.expectedVersion !== task.version) {
    throw new AppError(
      'conflict',
      `The task changed since you loaded it (version ${command.expectedVersion}, now ${task.version}); reload and try again`,
      'expectedVersion',
    );
  }
  const wanted: Partial<TaskFields> = { ...command.changes };
  if (wanted.title !== undefined) {
    wanted.title = wanted.title.trim();
    if (!wanted.title) throw new AppError('invalid', 'A task needs a title', 'title');
  }
  if (wanted.detail !== undefined) wanted.detail = wanted.detail.trim();
  if (wanted.note !== undefined) wanted.note = wanted.note.trim();
  // A due time set by hand no longer follows the playbook's clock.
  if (wanted.dueAt !== undefined && wanted.dueAt !== task.dueAt && task.due) wanted.due = null;
  const current = fieldsOf(task);
  const changed: FieldChanges<TaskFields> = { changes: {}, previous: {} };
  for (const field of CHANGEABLE) {
    const value = wanted[field];
    if (value === undefined || JSON.stringify(value) === JSON.stringify(current[field])) continue;
    (changed.changes as Record<string, unknown>)[field] = value;
    (changed.previous as Record<string, unknown>)[field] = current[field];
  }
  if (Object.keys(changed.changes).length === 0) return [];
  const override = command.overrideReason?.trim() || null;
  const finishing = changed.changes.status === 'done';
  const blocked = finishing && task.needsInstruction ? gate : null;
  if (blocked && !override) {
    throw new AppError(
      'conflict',
      `${blocked}. To mark it done anyway, give a reason (it is flagged for the review).`,
      'overrideReason',
    );
  }
  return [
    {
      type: 'task.changed',
      data: {
        taskId: task.id,
        title: changed.changes.title ?? task.title,
        ...changed,
        ...(blocked && override ? { override, blockedBy: blocked, forReview: true as const } : {}),
      },
    },
  ];
}

function fieldsOf(task: TaskState): TaskFields {
  const { title, detail, assigneeId, assigneeName, dueAt, due, status, note } = task;
  return { title, detail, assigneeId, assigneeName, dueAt, due, status, note };
}

type TaskEvent = Extract<IncidentEvent, { type: 'task.created' | 'task.changed' | 'task.reminded' }>;

/** Pure: the task after one of its events, as stored on the incident's stream. */
export function evolveTask(
  task: TaskState | null,
  event: TaskEvent & { streamId: string; seq: number; recordedAt: string },
): TaskState {
  const at = event.recordedAt;
  if (event.type === 'task.created') {
    const d = event.data;
    return {
      id: d.taskId,
      incidentId: event.streamId,
      seq: event.seq,
      playbookId: d.playbookId,
      playbookName: null,
      stepId: d.stepId,
      stepRef: d.stepRef,
      phase: d.phase,
      role: d.role,
      title: d.title,
      detail: d.detail,
      assigneeId: d.assigneeId,
      assigneeName: d.assigneeName,
      dueAt: d.dueAt,
      due: d.due,
      needsInstruction: d.needsInstruction,
      status: d.status ?? 'open',
      note: d.note ?? '',
      override: null,
      version: 1,
      remindedAt: null,
      createdAt: at,
      updatedAt: at,
    };
  }
  if (!task) throw new Error(`${event.type} for a task that was never created (${event.data.taskId})`);
  if (event.type === 'task.reminded') return { ...task, remindedAt: at };
  const { changes } = event.data;
  const next: TaskState = { ...task, ...changes, version: task.version + 1, updatedAt: at };
  // A new due time is a new moment to remind at.
  if ('dueAt' in changes) next.remindedAt = null;
  if (event.data.override) next.override = event.data.override;
  return next;
}
