import type { TaskFields } from '../../shared/incident-events.ts';
import type { TaskChanges } from '../../shared/task-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { TasksTable } from '../core/db/task-schema.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { assertIncidentAccess } from '../incidents/incident-access.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { listIncidentNotifications } from '../notifications/notifications.queries.ts';
import { decideChange } from './task.ts';
import { taskGate } from './task-gate.ts';
import { assigneeFor } from './task-workers.ts';
import { findTask, toTaskState } from './tasks.queries.ts';

/**
 * Changes a task (one task.changed event, none when nothing differs): title, detail, assignee, due time, status,
 * note. A stale expectedVersion is 409; a task of an incident the actor may not see is 404 like a missing one.
 */
export async function changeTask(
  deps: Deps,
  actor: Actor,
  taskId: string,
  input: TaskChanges,
): Promise<{ incident: IncidentState; task: TasksTable }> {
  const notFound = `No task ${taskId}`;
  const row = await findTask(deps.database.db, taskId);
  if (!row) throw new AppError('not_found', notFound);
  const { state } = await appendToIncident(deps, actor, row.incident_id, {
    authorize: (tx, incident) => assertIncidentAccess(tx, actor, incident, 'incident.change', notFound),
    async decide(tx, incident) {
      const fresh = await findTask(tx, taskId);
      if (!fresh || fresh.incident_id !== incident.id) throw new AppError('not_found', notFound);
      const task = toTaskState(fresh);
      const { expectedVersion, overrideReason, assigneeId, dueAt, ...rest } = input;
      const changes: Partial<TaskFields> = { ...rest };
      if (dueAt !== undefined) changes.dueAt = dueAt === null ? null : new Date(dueAt).toISOString();
      if (assigneeId !== undefined && assigneeId !== task.assigneeId) {
        const assignee = await assigneeFor(tx, incident, assigneeId);
        changes.assigneeId = assignee?.id ?? null;
        changes.assigneeName = assignee?.name ?? null;
      }
      const finishing = input.status === 'done' && task.status !== 'done' && task.needsInstruction;
      const gate = finishing ? taskGate(fresh, await listIncidentNotifications(tx, incident.id)) : null;
      return decideChange(task, { expectedVersion, changes, overrideReason }, gate);
    },
  });
  return { incident: state, task: (await findTask(deps.database.db, taskId)) as TasksTable };
}
