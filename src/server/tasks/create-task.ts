import { randomUUIDv7 } from 'node:crypto';
import type { NewTask } from '../../shared/task-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { TasksTable } from '../core/db/task-schema.ts';
import type { Deps } from '../core/deps.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { assertIncidentOpen } from './apply-playbook.ts';
import { decideCreate } from './task.ts';
import { assigneeFor } from './task-workers.ts';
import { findTask } from './tasks.queries.ts';

/**
 * Adds an ad-hoc task to an incident (one task.created event). One that needs the customer's instruction is gated
 * like a playbook step's; its instruction requests name it `task/<id>`.
 */
export async function createTask(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  input: NewTask,
): Promise<{ incident: IncidentState; task: TasksTable }> {
  const taskId = randomUUIDv7();
  const { state } = await appendToIncident(deps, actor, incidentIdOrKey, {
    async decide(tx, incident) {
      assertIncidentOpen(incident);
      const assignee = await assigneeFor(tx, incident, input.assigneeId ?? null);
      const needsInstruction = input.needsInstruction ?? false;
      return [
        decideCreate({
          taskId,
          title: input.title,
          detail: input.detail ?? '',
          phase: input.phase ?? null,
          role: input.role ?? null,
          assigneeId: assignee?.id ?? null,
          assigneeName: assignee?.name ?? null,
          dueAt: input.dueAt ? new Date(input.dueAt).toISOString() : null,
          due: null,
          needsInstruction,
          stepRef: needsInstruction ? `task/${taskId}` : null,
          playbookId: null,
          stepId: null,
          ...(input.note?.trim() ? { note: input.note.trim() } : {}),
        }),
      ];
    },
  });
  return { incident: state, task: (await findTask(deps.database.db, taskId)) as TasksTable };
}
