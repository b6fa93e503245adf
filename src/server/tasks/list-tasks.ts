import { type ApplicablePlaybook, TASK_STATUSES, type Task, type TaskStatus } from '../../shared/task-types.ts';
import { type Actor, listReader, visibleCustomers } from '../auth/policy.ts';
import type { TasksTable } from '../core/db/task-schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { decodeDueCursor, encodeDueCursor } from '../core/http/due-cursor.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { suggestPlaybooks } from '../playbooks/playbook.ts';
import { incidentPlaybooks } from './incident-playbooks.ts';
import { taskGates } from './task-gate.ts';
import { taskCandidates } from './task-workers.ts';
import { listIncidentTasks, listTasks } from './tasks.queries.ts';
import { taskView } from './tasks.views.ts';

/** Tasks as the API shows them, with the gate of each that waits for the customer's instruction. */
export async function presentTasks<R extends TasksTable>(
  tx: Tx,
  actor: Actor,
  now: Date,
  rows: R[],
  exercise: (row: R) => boolean,
): Promise<Task[]> {
  const gates = await taskGates(tx, rows);
  return rows.map((row) => taskView(row, { actor, now, exercise: exercise(row), gate: gates.get(row.id) ?? null }));
}

/**
 * An incident's tasks in the order they were made, the playbooks of its plan that can become tasks (those that fit
 * its category first) and the people a task may be given to.
 */
export async function listIncidentTaskBoard(deps: Deps, actor: Actor, idOrKey: string) {
  const { db, dialect } = deps.database;
  const { state } = await readIncident(deps, actor, idOrKey);
  const now = deps.clock.now();
  const [rows, playbooks, candidates] = await Promise.all([
    listIncidentTasks(db, state.id),
    incidentPlaybooks(db, dialect, state, now),
    taskCandidates(db, state),
  ]);
  const applied = new Set(rows.flatMap((r) => (r.playbook_id ? [r.playbook_id] : [])));
  const suggested = new Set(suggestPlaybooks(playbooks, state.category).map((p) => p.slug));
  const offered: ApplicablePlaybook[] = playbooks
    .map((p) => ({
      id: p.slug,
      name: p.name,
      steps: p.steps.length,
      suggested: suggested.has(p.slug),
      applied: applied.has(p.slug),
    }))
    .sort((a, b) => Number(b.suggested) - Number(a.suggested) || a.name.localeCompare(b.name));
  return {
    items: await presentTasks(db, actor, now, rows, () => state.exercise),
    playbooks: offered,
    candidates,
    now: now.toISOString(),
  };
}

/** Which tasks GET /tasks lists by status: `open` is every unfinished one (open, in progress, blocked). */
const STATUS_WORDS: Record<string, readonly TaskStatus[]> = {
  ...Object.fromEntries(TASK_STATUSES.map((s) => [s, [s]])),
  open: ['open', 'in-progress', 'blocked'],
  all: TASK_STATUSES,
};

/** The statuses a `status` query asks for (a comma-separated list of words); 400 naming status otherwise. */
export function parseStatuses(text: string | undefined): TaskStatus[] | null {
  const words = (text ?? 'open')
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  const statuses = new Set<TaskStatus>();
  for (const word of words.length ? words : ['open']) {
    const meant = STATUS_WORDS[word];
    if (!meant) {
      throw new AppError('invalid', `Unknown status "${word}": use open, ${TASK_STATUSES.slice(1).join(', ')} or all`, 'status');
    }
    for (const s of meant) statuses.add(s);
  }
  return statuses.size === TASK_STATUSES.length ? null : [...statuses];
}

export interface ListTasksRequest {
  /** 'me' (default), 'any', 'unassigned' or a user's id. */
  assignee?: string;
  status?: string;
  cursor?: string;
  limit: number;
}

/**
 * Tasks across the incidents the actor may read (their customers' and those of no customer; TLP:RED only when on
 * its list), soonest due first, a page at a time: `nextCursor` continues it.
 */
export async function listTaskPage(deps: Deps, actor: Actor, request: ListTasksRequest) {
  const assignee = request.assignee ?? 'me';
  const rows = await listTasks(deps.database.db, {
    visible: visibleCustomers(actor),
    reader: listReader(actor),
    assignee: assignee === 'me' ? actor.id : assignee === 'any' ? null : assignee,
    statuses: parseStatuses(request.status),
    after: request.cursor ? decodeDueCursor(request.cursor) : null,
    limit: request.limit + 1,
  });
  const more = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  const now = deps.clock.now();
  return {
    items: await presentTasks(deps.database.db, actor, now, page, (row) => Boolean(Number(row.exercise))),
    nextCursor: more ? encodeDueCursor(page[page.length - 1]) : null,
    now: now.toISOString(),
  };
}
