import type { Notification } from '../../shared/notification-types.ts';
import type { Task, TaskPhase } from '../../shared/task-types.ts';
import { PHASE_LABELS, PLAYBOOK_PHASES } from '../playbooks/playbook-labels.ts';
import { dueWords } from './task-labels.ts';

const DAY = 24 * 60 * 60_000;

export interface PhaseGroup {
  phase: TaskPhase | null;
  label: string;
  tasks: Task[];
}

/** An incident's tasks by phase, in the playbooks' phase order, those without a phase last; each in its own order. */
export function groupByPhase(tasks: Task[]): PhaseGroup[] {
  const groups: PhaseGroup[] = [...PLAYBOOK_PHASES, null].map((phase) => ({
    phase,
    label: phase ? PHASE_LABELS[phase] : 'Other',
    tasks: tasks.filter((t) => t.phase === phase),
  }));
  return groups.filter((g) => g.tasks.length > 0);
}

/** Whether a task is still someone's to do. */
export const isOpenTask = (task: Pick<Task, 'status'>) => task.status !== 'done' && task.status !== 'skipped';

export interface MyTaskGroups {
  overdue: Task[];
  /** Due within the next 24 hours. */
  soon: Task[];
  /** Due later, or no due time yet. */
  later: Task[];
  /** Done or skipped (listed only when asked for). */
  finished: Task[];
}

/** "My tasks" grouped by how urgent they are now (the list comes soonest due first and keeps that order). */
export function groupByUrgency(tasks: Task[], now: number): MyTaskGroups {
  const groups: MyTaskGroups = { overdue: [], soon: [], later: [], finished: [] };
  for (const task of tasks) {
    const due = task.dueAt ? Date.parse(task.dueAt) : null;
    if (!isOpenTask(task)) groups.finished.push(task);
    else if (due !== null && due <= now) groups.overdue.push(task);
    else if (due !== null && due - now <= DAY) groups.soon.push(task);
    else groups.later.push(task);
  }
  return groups;
}

function span(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h${minutes % 60 && hours < 10 ? ` ${minutes % 60} min` : ''}`;
  return `${Math.floor(hours / 24)} days`;
}

/** The due countdown: "Due in 2 h 5 min", "Overdue by 12 min", or when it will be due while its clock waits. */
export function dueText(task: Pick<Task, 'dueAt' | 'due' | 'status'>, now: number): string {
  if (!task.dueAt) return task.due ? `Due ${dueWords(task.due)} (not started)` : 'No due time';
  const left = Date.parse(task.dueAt) - now;
  if (!isOpenTask(task)) return 'Was due';
  return left > 0 ? `Due in ${span(left)}` : `Overdue by ${span(-left)}`;
}

/** The customer's instruction asked about this task and not yet answered (its latest request), if any. */
export function openRequest(task: Pick<Task, 'stepRef'>, notifications: Notification[]): Notification | null {
  if (!task.stepRef) return null;
  return (
    notifications.findLast(
      (n) => n.kind === 'instruction' && n.stepRef === task.stepRef && !n.response && n.status !== 'draft',
    ) ?? null
  );
}
