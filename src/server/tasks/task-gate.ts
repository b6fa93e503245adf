import type { TasksTable } from '../core/db/task-schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import { instructionGate } from '../notifications/customer-instructions.ts';
import { listIncidentNotifications, type Notification } from '../notifications/notifications.queries.ts';

/** What keeps a task that needs the customer's instruction from being done: the same gate as a playbook step's. */
export function taskGate(task: Pick<TasksTable, 'needs_instruction' | 'step_ref'>, notifications: Notification[]): string | null {
  if (!Number(task.needs_instruction)) return null;
  const requests = notifications.filter((n) => n.kind === 'instruction' && n.stepRef === task.step_ref);
  return instructionGate({ needsCustomerInstruction: true }, requests);
}

/** The gate of each unfinished task that needs an instruction (one look at each incident's requests); others: null. */
export async function taskGates(tx: Tx, rows: TasksTable[]): Promise<Map<string, string | null>> {
  const gated = rows.filter((r) => Number(r.needs_instruction) && !Number(r.finished));
  const byIncident = new Map<string, Notification[]>();
  for (const incidentId of new Set(gated.map((r) => r.incident_id))) {
    byIncident.set(incidentId, await listIncidentNotifications(tx, incidentId));
  }
  return new Map(gated.map((r) => [r.id, taskGate(r, byIncident.get(r.incident_id) ?? [])]));
}
