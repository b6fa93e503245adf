// The row shape of tasks (see schema.ts for the conventions of every row shape).

/**
 * A task on an incident: a projection of the task events on the incident's timeline (task.created, task.changed,
 * task.reminded), written in the same transaction as they are appended. The incident's key, title and customer are
 * copies kept in step by the same writer, so "My tasks" reads one table.
 */
export interface TasksTable {
  id: string;
  incident_id: string;
  customer_id: string | null;
  incident_key: string;
  incident_title: string;
  /** The seq of its task.created event on the incident's timeline: the order of the incident's tasks. */
  seq: number;
  /** The playbook's slug; null for an ad-hoc task. */
  playbook_id: string | null;
  playbook_name: string | null;
  step_id: string | null;
  /** What an instruction request about the task names (notifications.step_ref); null when it needs none. */
  step_ref: string | null;
  phase: string | null;
  role: string | null;
  title: string;
  detail: string;
  assignee_id: string | null;
  assignee_name: string | null;
  due_at: string | null;
  /** due_at, or '9999-12-31T23:59:59.999Z' without one: the same order on both dialects, keyset-friendly. */
  due_key: string;
  /** The StepDue it follows, as JSON; null when it has a fixed time or none. */
  due_from: string | null;
  needs_instruction: number;
  status: string;
  /** 1 when done or skipped: the "open" lists walk (assignee_id, finished, due_key, id). */
  finished: number;
  note: string;
  override_reason: string | null;
  version: number;
  /** When its assignee was told it fell due (for the due time it has now; a new due time clears it). */
  reminded_at: string | null;
  created_at: string;
  updated_at: string;
}
