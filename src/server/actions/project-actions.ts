import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { enqueueMany, type NewJob } from '../core/jobs/jobs.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { type ActionEvent, type ActionState, evolveAction, isActionFinished } from './action.ts';
import {
  type ActionIncidentCopies,
  actionRow,
  findActions,
  insertActions,
  toActionState,
  updateAction,
  updateActionCopies,
} from './actions.queries.ts';

/** The durable job that reminds an action's owner when it falls due (see remind-action.ts). */
export const ACTION_DUE_JOB = 'action.due';

export interface ActionDueJobPayload {
  incidentId: string;
  actionId: string;
  /** The due time it was set for: if the action's due time moved since, the job has nothing to do. */
  dueAt: string;
}

const isActionEvent = (e: StoredEvent<IncidentEvent>): e is StoredEvent<ActionEvent> => e.type.startsWith('action.');

const copiesOf = (s: IncidentState): ActionIncidentCopies => ({
  id: s.id,
  key: s.key,
  title: s.title,
  customerId: s.customerId,
  exercise: s.exercise,
});

/**
 * Keeps review_actions in step with an incident change, in its transaction: action events are folded into their
 * rows, and the incident's key, title, customer and exercise flag are copied onto its actions. Every unfinished
 * action with a due time not yet reminded has a durable reminder job for that time (a new due time, a new job).
 */
export async function projectActions(
  tx: Tx,
  previous: IncidentState,
  next: IncidentState,
  events: StoredEvent<IncidentEvent>[],
  now: Date,
): Promise<void> {
  const actionEvents = events.filter(isActionEvent);
  if (actionEvents.length) await foldActionEvents(tx, next, actionEvents, now);
  const before = copiesOf(previous);
  const after = copiesOf(next);
  if (JSON.stringify(before) !== JSON.stringify(after)) await updateActionCopies(tx, after);
}

async function foldActionEvents(tx: Tx, incident: IncidentState, events: StoredEvent<ActionEvent>[], now: Date) {
  const existing = [...new Set(events.filter((e) => e.type !== 'action.created').map((e) => e.data.actionId))];
  const actions = new Map((await findActions(tx, existing)).map((row) => [row.id, toActionState(row)]));
  const created = new Set<string>();
  const rearm = new Set<string>();
  for (const e of events) {
    const before = actions.get(e.data.actionId) ?? null;
    const after = evolveAction(before, e);
    if (e.type === 'action.created') {
      created.add(after.id);
      rearm.add(after.id);
    } else if (e.type === 'action.changed' && ('dueAt' in e.data.changes || 'status' in e.data.changes)) {
      rearm.add(after.id);
    }
    actions.set(after.id, after);
  }
  const copies = copiesOf(incident);
  await insertActions(
    tx,
    [...created].map((id) => actionRow(actions.get(id) as ActionState, copies)),
  );
  for (const [id, action] of actions) if (!created.has(id)) await updateAction(tx, actionRow(action, copies));
  await enqueueMany(
    tx,
    [...rearm].flatMap((id) => reminderJob(actions.get(id) as ActionState, now)),
    now,
  );
}

/**
 * The reminder job at the action's due time, or none. Its key carries the action's version: a due time set back to
 * an earlier value still gets its job (the job itself checks that the reminder is still wanted).
 */
function reminderJob(action: ActionState, now: Date): NewJob[] {
  if (!action.dueAt || action.remindedAt || isActionFinished(action.status)) return [];
  const due = new Date(action.dueAt);
  const payload: ActionDueJobPayload = { incidentId: action.incidentId, actionId: action.id, dueAt: action.dueAt };
  return [
    {
      name: ACTION_DUE_JOB,
      payload,
      runAt: due < now ? now : due,
      uniqueKey: `action-due:${action.id}:${action.dueAt}:v${action.version}`,
    },
  ];
}
