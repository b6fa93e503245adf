import type { ActionStatus, ActionTarget, ReviewAction } from '../../shared/review-types.ts';
import { ACTION_LIST_STATUSES, ACTION_STATUSES } from '../../shared/review-types.ts';
import { type Actor, listReader, visibleCustomers } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { decodeDueCursor, encodeDueCursor } from '../core/http/due-cursor.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { incidentPlaybooks } from '../tasks/incident-playbooks.ts';
import { taskCandidates } from '../tasks/task-workers.ts';
import { listActions, listIncidentActions } from './actions.queries.ts';
import { actionView } from './actions.views.ts';

/** Which actions GET /actions lists by status: `open` is every one still to do (open or in progress). */
const STATUS_WORDS: Record<string, readonly ActionStatus[]> = {
  ...Object.fromEntries(ACTION_STATUSES.map((s) => [s, [s]])),
  open: ['open', 'in-progress'],
  all: ACTION_STATUSES,
};

function parseStatus(text: string | undefined): ActionStatus[] | null {
  const word = text ?? 'open';
  const meant = STATUS_WORDS[word];
  if (!meant) throw new AppError('invalid', `Unknown status "${word}": use ${ACTION_LIST_STATUSES.join(', ')}`, 'status');
  return meant.length === ACTION_STATUSES.length ? null : [...meant];
}

export interface ListActionsRequest {
  status?: string;
  /** 'me', or a user's id; absent: anyone's. */
  owner?: string;
  incidentId?: string;
  customerId?: string;
  overdue?: boolean;
  cursor?: string;
  limit: number;
}

/**
 * Actions across the incidents the actor may read (their customers' and those of no customer; TLP:RED only when on
 * its list), soonest due first, a page at a time: `nextCursor` continues it.
 */
export async function listActionPage(deps: Deps, actor: Actor, request: ListActionsRequest) {
  const now = deps.clock.now();
  const rows = await listActions(deps.database.db, {
    visible: visibleCustomers(actor),
    reader: listReader(actor),
    owner: request.owner === 'me' ? actor.id : (request.owner ?? null),
    statuses: parseStatus(request.status),
    incident: request.incidentId ?? null,
    customerId: request.customerId ?? null,
    dueBy: request.overdue ? now.toISOString() : null,
    after: request.cursor ? decodeDueCursor(request.cursor) : null,
    limit: request.limit + 1,
  });
  const more = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  return {
    items: page.map((row) => actionView(row, { actor, now })),
    nextCursor: more ? encodeDueCursor(page[page.length - 1]) : null,
    now: now.toISOString(),
  };
}

/**
 * An incident's actions in the order they were made, with what the add form offers: the people who may own one and
 * the targets (the customer's plan and the playbooks of the incident's plan).
 */
export async function listIncidentActionBoard(
  deps: Deps,
  actor: Actor,
  idOrKey: string,
): Promise<{ items: ReviewAction[]; candidates: { id: string; name: string }[]; targets: ActionTarget[]; now: string }> {
  const { db, dialect } = deps.database;
  const { state } = await readIncident(deps, actor, idOrKey);
  const now = deps.clock.now();
  const [rows, candidates, playbooks] = await Promise.all([
    listIncidentActions(db, state.id),
    taskCandidates(db, state),
    state.customerId ? incidentPlaybooks(db, dialect, state, now) : Promise.resolve([]),
  ]);
  const customerId = state.customerId;
  const targets: ActionTarget[] = customerId
    ? [
        { type: 'plan', customerId, name: 'Contingency plan' },
        ...playbooks
          .map((p): ActionTarget => ({ type: 'playbook', customerId, playbookId: p.slug, name: p.name }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      ]
    : [];
  return { items: rows.map((row) => actionView(row, { actor, now })), candidates, targets, now: now.toISOString() };
}
