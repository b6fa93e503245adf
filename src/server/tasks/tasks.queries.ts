import { sql } from 'kysely';
import type { IncidentRole } from '../../shared/incident-vocabulary.ts';
import type { MembershipRole } from '../../shared/prepare-types.ts';
import type { TaskPhase, TaskStatus } from '../../shared/task-types.ts';
import type { TasksTable } from '../core/db/task-schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import { readableIncident } from '../incidents/incident-access.queries.ts';
import { isFinished, type TaskState } from './task.ts';

/** The sort key of a task without a due time: after every real one, on both dialects. */
export const NO_DUE_KEY = '9999-12-31T23:59:59.999Z';

export function toTaskState(row: TasksTable): TaskState {
  return {
    id: row.id,
    incidentId: row.incident_id,
    seq: Number(row.seq),
    playbookId: row.playbook_id,
    playbookName: row.playbook_name,
    stepId: row.step_id,
    stepRef: row.step_ref,
    phase: row.phase as TaskPhase | null,
    role: row.role as IncidentRole | null,
    title: row.title,
    detail: row.detail,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    dueAt: row.due_at,
    due: row.due_from ? JSON.parse(row.due_from) : null,
    needsInstruction: Boolean(Number(row.needs_instruction)),
    status: row.status as TaskStatus,
    note: row.note,
    override: row.override_reason,
    version: Number(row.version),
    remindedAt: row.reminded_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The row of a task; the incident's copies (key, title, customer) come from the incident. */
export function taskRow(task: TaskState, incident: { key: string; title: string; customerId: string | null }): TasksTable {
  return {
    id: task.id,
    incident_id: task.incidentId,
    customer_id: incident.customerId,
    incident_key: incident.key,
    incident_title: incident.title,
    seq: task.seq,
    playbook_id: task.playbookId,
    playbook_name: task.playbookName,
    step_id: task.stepId,
    step_ref: task.stepRef,
    phase: task.phase,
    role: task.role,
    title: task.title,
    detail: task.detail,
    assignee_id: task.assigneeId,
    assignee_name: task.assigneeName,
    due_at: task.dueAt,
    due_key: task.dueAt ?? NO_DUE_KEY,
    due_from: task.due ? JSON.stringify(task.due) : null,
    needs_instruction: task.needsInstruction ? 1 : 0,
    status: task.status,
    finished: isFinished(task.status) ? 1 : 0,
    note: task.note,
    override_reason: task.override,
    version: task.version,
    reminded_at: task.remindedAt,
    created_at: task.createdAt,
    updated_at: task.updatedAt,
  };
}

export async function insertTasks(tx: Tx, rows: TasksTable[]): Promise<void> {
  if (rows.length) await tx.insertInto('tasks').values(rows).execute();
}

export async function updateTask(tx: Tx, row: TasksTable): Promise<void> {
  const { id, ...rest } = row;
  await tx.updateTable('tasks').set(rest).where('id', '=', id).execute();
}

export function findTask(tx: Tx, id: string): Promise<TasksTable | undefined> {
  return tx.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findTasks(tx: Tx, ids: string[]): Promise<TasksTable[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx.selectFrom('tasks').selectAll().where('id', 'in', ids).execute();
}

/** An incident's tasks in the order they were made (a playbook's in its step order). */
export function listIncidentTasks(tx: Tx, incidentId: string): Promise<TasksTable[]> {
  return tx.selectFrom('tasks').selectAll().where('incident_id', '=', incidentId).orderBy('seq').execute();
}

/** The slugs of the playbooks applied to an incident. */
export async function appliedPlaybooks(tx: Tx, incidentId: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('tasks')
    .select('playbook_id')
    .distinct()
    .where('incident_id', '=', incidentId)
    .where('playbook_id', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.playbook_id as string));
}

/** The incident's tasks that follow a clock (their due time is an offset from awareness, DP1 or DP2). */
export function tasksFollowingClocks(tx: Tx, incidentId: string): Promise<TasksTable[]> {
  return tx.selectFrom('tasks').selectAll().where('incident_id', '=', incidentId).where('due_from', 'is not', null).execute();
}

/** Keeps the incident's copies on its tasks in step with the incident. */
export async function updateTaskCopies(
  tx: Tx,
  incident: { id: string; key: string; title: string; customerId: string | null },
): Promise<void> {
  await tx
    .updateTable('tasks')
    .set({ incident_key: incident.key, incident_title: incident.title, customer_id: incident.customerId })
    .where('incident_id', '=', incident.id)
    .execute();
}

/** Who may be given tasks on an incident: active users, with their global role and their role in its customer. */
export interface WorkerRow {
  id: string;
  name: string;
  role: string;
  membership: MembershipRole | null;
  listed: number;
}

/**
 * Active users with their role in the customer and whether they are on the incident's access list; `ids` limits it
 * to those users, else every user who might work on it (admins, and the customer's managers and responders, or the
 * organisation's responders for an incident of no customer), by name, at most `limit`.
 */
export function workerCandidates(
  tx: Tx,
  incident: { id: string; customerId: string | null },
  options: { ids?: string[]; limit: number },
): Promise<WorkerRow[]> {
  let query = tx
    .selectFrom('users')
    .leftJoin('memberships', (join) =>
      join.onRef('memberships.user_id', '=', 'users.id').on('memberships.customer_id', '=', incident.customerId ?? ''),
    )
    .select([
      'users.id as id',
      'users.name as name',
      'users.role as role',
      'memberships.role as membership',
      sql<number>`(case when exists (select 1 from incident_access listed where listed.incident_id = ${incident.id} and listed.user_id = users.id) then 1 else 0 end)`.as(
        'listed',
      ),
    ])
    .where('users.disabled_at', 'is', null);
  if (options.ids) {
    if (options.ids.length === 0) return Promise.resolve([]);
    query = query.where('users.id', 'in', options.ids);
  } else if (incident.customerId) {
    query = query.where((eb) => eb.or([eb('users.role', '=', 'admin'), eb('memberships.role', 'in', ['manager', 'responder'])]));
  } else {
    query = query.where('users.role', 'in', ['admin', 'responder']);
  }
  return query.orderBy('users.name').orderBy('users.id').limit(options.limit).execute() as Promise<WorkerRow[]>;
}

export interface TaskListFilter {
  /** null: every customer. */
  visible: string[] | null;
  /** Whose TLP:RED access counts; null: no restriction. */
  reader: string | null;
  /** A user's id, 'unassigned' (no one), or null: anyone. */
  assignee: string | null;
  /** The statuses to list; null: all. */
  statuses: TaskStatus[] | null;
  after: { dueKey: string; id: string } | null;
  limit: number;
}

/** A task as listed across incidents, with its incident's exercise flag (read live: it can change). */
export type ListedTask = TasksTable & { exercise: number };

/**
 * Tasks across incidents, soonest due first (no due time last), by id on ties, from the keyset on: one range of
 * tasks_by_assignee (or tasks_by_due) read in order, whatever the number of tasks.
 */
export function listTasks(tx: Tx, filter: TaskListFilter): Promise<ListedTask[]> {
  let query = tx
    .selectFrom('tasks')
    .innerJoin('incidents', 'incidents.id', 'tasks.incident_id')
    .selectAll('tasks')
    .select('incidents.exercise');
  if (filter.visible) {
    const visible = filter.visible;
    query = query.where((eb) =>
      visible.length
        ? eb.or([eb('tasks.customer_id', 'is', null), eb('tasks.customer_id', 'in', visible)])
        : eb('tasks.customer_id', 'is', null),
    );
  }
  if (filter.reader !== null) query = query.where(readableIncident('incidents.id', filter.reader));
  if (filter.assignee === 'unassigned') query = query.where('tasks.assignee_id', 'is', null);
  else if (filter.assignee) query = query.where('tasks.assignee_id', '=', filter.assignee);
  if (filter.statuses) {
    const finished = new Set(filter.statuses.map((s) => (isFinished(s) ? 1 : 0)));
    // The flag first, so the range stays one part of the index; the statuses then pick within it.
    if (finished.size === 1) query = query.where('tasks.finished', '=', [...finished][0]);
    query = query.where('tasks.status', 'in', filter.statuses);
  }
  if (filter.after) {
    const { dueKey, id } = filter.after;
    query = query.where((eb) =>
      eb.and([eb('tasks.due_key', '>=', dueKey), eb.or([eb('tasks.due_key', '>', dueKey), eb('tasks.id', '>', id)])]),
    );
  }
  return query.orderBy('tasks.due_key').orderBy('tasks.id').limit(filter.limit).execute();
}
