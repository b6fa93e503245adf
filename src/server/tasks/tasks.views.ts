import type { Task } from '../../shared/task-types.ts';
import { incidentAllowed } from '../auth/allowed.ts';
import type { Actor } from '../auth/policy.ts';
import type { TasksTable } from '../core/db/task-schema.ts';
import { isFinished, isOverdue } from './task.ts';
import { toTaskState } from './tasks.queries.ts';

/**
 * The API shape of a task: its state, its incident's copies, whether it is overdue now, what blocks it from being
 * marked done (`gate`, worked out by the caller from the instruction requests), and what the reader may do.
 */
export function taskView(row: TasksTable, context: { actor: Actor; now: Date; exercise: boolean; gate: string | null }): Task {
  const task = toTaskState(row);
  return {
    id: task.id,
    incidentId: task.incidentId,
    incidentKey: row.incident_key,
    incidentTitle: row.incident_title,
    customerId: row.customer_id,
    exercise: context.exercise,
    playbookId: task.playbookId,
    playbookName: task.playbookName,
    stepId: task.stepId,
    stepRef: task.stepRef,
    phase: task.phase,
    role: task.role,
    title: task.title,
    detail: task.detail,
    assigneeId: task.assigneeId,
    assigneeName: task.assigneeName,
    dueAt: task.dueAt,
    due: task.due,
    overdue: isOverdue(task, context.now),
    needsInstruction: task.needsInstruction,
    gate: isFinished(task.status) ? null : context.gate,
    override: task.override,
    status: task.status,
    note: task.note,
    version: task.version,
    remindedAt: task.remindedAt,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    allowed: incidentAllowed(context.actor, { customerId: row.customer_id }),
  };
}
