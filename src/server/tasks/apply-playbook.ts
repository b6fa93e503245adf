import { randomUUIDv7 } from 'node:crypto';
import type { TaskCreated } from '../../shared/incident-events.ts';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Actor } from '../auth/policy.ts';
import type { TasksTable } from '../core/db/task-schema.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { roleHolders } from '../incidents/role-holders.ts';
import { findPlaybook, incidentPlaybooks } from './incident-playbooks.ts';
import { decideCreate, dueAtFor } from './task.ts';
import { workersAmong } from './task-workers.ts';
import { appliedPlaybooks, findTasks } from './tasks.queries.ts';

/** Refused on an incident that is over: reopen it first. */
export function assertIncidentOpen(incident: IncidentState): void {
  if (incident.status === 'closed' || incident.status === 'dismissed') {
    throw new AppError('conflict', `The incident is ${incident.status}; reopen it before adding tasks`);
  }
}

/**
 * Turns a playbook of the incident's plan into tasks, all in one transaction: each keeps its step's phase, its role
 * given to the person who holds the role on the incident (else the roster's holder with an account, when they may
 * work on it), a due time from the step's offset once its clock has started, and its customer-instruction gate. A
 * step already recorded done starts done. The same playbook twice: 409 naming it.
 */
export async function applyPlaybook(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  playbookId: string,
): Promise<{ incident: IncidentState; tasks: TasksTable[] }> {
  const { dialect } = deps.database;
  let taskIds: string[] = [];
  const { state } = await appendToIncident(deps, actor, incidentIdOrKey, {
    async decide(tx, incident, now) {
      assertIncidentOpen(incident);
      const playbook = findPlaybook(await incidentPlaybooks(tx, dialect, incident, now), playbookId);
      if (!playbook) throw new AppError('not_found', `The incident's plan has no playbook ${playbookId}`, 'playbookId');
      if ((await appliedPlaybooks(tx, incident.id)).has(playbook.slug)) {
        throw new AppError(
          'conflict',
          `The playbook "${playbook.name}" is already applied to this incident: its tasks are on the incident`,
          'playbookId',
        );
      }
      // Once per apply: who holds each role, and which of them may be given work on this incident.
      const holders = await roleHolders(tx, dialect, incident, now);
      const workers = await workersAmong(
        tx,
        incident,
        Object.values(holders).flatMap((h) => (h ? [h.userId] : [])),
      );
      const created: TaskCreated[] = playbook.steps.map((step) => {
        const stepRef = `${playbook.slug}/${step.id}`;
        const holder = holders[step.role];
        const assignee = holder ? workers.get(holder.userId) : undefined;
        const due = step.due ?? null;
        const done = incident.steps?.[stepRef];
        return {
          taskId: randomUUIDv7(),
          title: step.title,
          detail: step.detail ?? '',
          phase: step.phase,
          role: step.role,
          assigneeId: assignee?.id ?? null,
          assigneeName: assignee?.name ?? null,
          dueAt: dueAtFor(due, incident.times),
          due,
          needsInstruction: step.needsCustomerInstruction,
          stepRef,
          playbookId: playbook.slug,
          stepId: step.id,
          ...(done
            ? { status: 'done' as const, note: `Recorded done by ${done.by} at ${done.at}, before the playbook was applied` }
            : {}),
        };
      });
      taskIds = created.map((t) => t.taskId);
      const events: IncidentEvent[] = [
        {
          type: 'tasks.applied',
          data: { playbookId: playbook.slug, playbookName: playbook.name, version: playbook.version ?? 1, taskIds },
        },
        ...created.map(decideCreate),
      ];
      return events;
    },
  });
  const rows = await findTasks(deps.database.db, taskIds);
  rows.sort((a, b) => Number(a.seq) - Number(b.seq));
  return { incident: state, tasks: rows };
}
