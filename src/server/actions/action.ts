import type { FieldChanges } from '../../shared/field-changes.ts';
import { type ActionFields, type ActionStatus, type ActionTarget, FINISHED_ACTION_STATUSES } from '../../shared/review-types.ts';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import { AppError } from '../core/errors.ts';

/**
 * An action from a post-incident review: a lesson made someone's job. Its state is the fold of its events on the
 * incident's timeline (action.created, .changed, .drafted, .completed, .reminded); the decisions here are pure, the
 * use-cases load what they need (the owner, the target) and append what they decide.
 */
export interface ActionState extends ActionFields {
  id: string;
  incidentId: string;
  draft: { startedAt: string; recordId: string | null } | null;
  planVersionId: string | null;
  doneAt: string | null;
  remindedAt: string | null;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type ActionEvent = Extract<
  IncidentEvent,
  { type: 'action.created' | 'action.changed' | 'action.drafted' | 'action.completed' | 'action.reminded' }
>;

export const isActionFinished = (status: ActionStatus) => FINISHED_ACTION_STATUSES.includes(status);

/** Past its due time and still someone's to do. */
export function isActionOverdue(action: Pick<ActionState, 'dueAt' | 'status'>, now: Date): boolean {
  return action.dueAt !== null && Date.parse(action.dueAt) <= now.getTime() && !isActionFinished(action.status);
}

/** A lesson can come early, and an action outlives its incident; a false positive has no lessons to track. */
export function assertActionsAllowed(incident: { status: string; key: string }): void {
  if (incident.status === 'dismissed') {
    throw new AppError('conflict', `${incident.key} was dismissed as a false positive; reopen it before adding actions`);
  }
}

export interface NewActionInput {
  actionId: string;
  title: string;
  detail: string;
  ownerId: string | null;
  ownerName: string | null;
  dueAt: string | null;
  target: ActionTarget | null;
}

/** A new action, as its action.created event. */
export function decideCreateAction(input: NewActionInput): IncidentEvent {
  const title = input.title.trim();
  if (!title)
    throw new AppError('invalid', 'Say what is to be done, e.g. "Add the VPN logs to the ransomware playbook"', 'title');
  const { actionId, ownerId, ownerName, dueAt, target } = input;
  return {
    type: 'action.created',
    data: { actionId, title, detail: input.detail.trim(), ownerId, ownerName, dueAt, target },
  };
}

const CHANGEABLE: (keyof ActionFields)[] = ['title', 'detail', 'ownerId', 'ownerName', 'dueAt', 'status', 'target'];

/** A change to an action as one action.changed event (none when nothing differs); a stale expectedVersion is 409. */
export function decideChangeAction(
  action: ActionState,
  command: { expectedVersion?: number; changes: Partial<ActionFields> },
): IncidentEvent[] {
  if (command.expectedVersion !== undefined && command.expectedVersion !== action.version) {
    throw new AppError(
      'conflict',
      `The action changed since you loaded it (version ${command.expectedVersion}, now ${action.version}); reload and try again`,
      'expectedVersion',
    );
  }
  const wanted: Partial<ActionFields> = { ...command.changes };
  if (wanted.title !== undefined) {
    wanted.title = wanted.title.trim();
    if (!wanted.title) throw new AppError('invalid', 'An action needs a title', 'title');
  }
  if (wanted.detail !== undefined) wanted.detail = wanted.detail.trim();
  const changed: FieldChanges<ActionFields> = { changes: {}, previous: {} };
  for (const field of CHANGEABLE) {
    const value = wanted[field];
    if (value === undefined || JSON.stringify(value) === JSON.stringify(action[field])) continue;
    (changed.changes as Record<string, unknown>)[field] = value;
    (changed.previous as Record<string, unknown>)[field] = action[field];
  }
  if (Object.keys(changed.changes).length === 0) return [];
  return [{ type: 'action.changed', data: { actionId: action.id, title: changed.changes.title ?? action.title, ...changed } }];
}

/** Pure: the action after one of its events, as stored on the incident's stream. */
export function evolveAction(
  action: ActionState | null,
  event: ActionEvent & { streamId: string; recordedAt: string; actor: { name: string } },
): ActionState {
  const at = event.recordedAt;
  if (event.type === 'action.created') {
    const d = event.data;
    return {
      id: d.actionId,
      incidentId: event.streamId,
      title: d.title,
      detail: d.detail,
      ownerId: d.ownerId,
      ownerName: d.ownerName,
      dueAt: d.dueAt,
      status: 'open',
      target: d.target,
      draft: null,
      planVersionId: null,
      doneAt: null,
      remindedAt: null,
      version: 1,
      createdBy: event.actor.name,
      createdAt: at,
      updatedAt: at,
    };
  }
  if (!action) throw new Error(`${event.type} for an action that was never created (${event.data.actionId})`);
  switch (event.type) {
    case 'action.reminded':
      return { ...action, remindedAt: at };
    case 'action.drafted':
      return {
        ...action,
        status: action.status === 'open' ? 'in-progress' : action.status,
        draft: { startedAt: at, recordId: event.data.recordId },
        version: action.version + 1,
        updatedAt: at,
      };
    case 'action.completed':
      return {
        ...action,
        status: 'done',
        planVersionId: event.data.planVersionId,
        doneAt: at,
        version: action.version + 1,
        updatedAt: at,
      };
    case 'action.changed': {
      const { changes } = event.data;
      const next: ActionState = { ...action, ...changes, version: action.version + 1, updatedAt: at };
      // A new due time is a new moment to remind at; another target is another draft.
      if ('dueAt' in changes) next.remindedAt = null;
      if ('target' in changes) next.draft = null;
      if (changes.status === 'done' && !isActionFinished(action.status)) next.doneAt = at;
      else if (changes.status && !isActionFinished(changes.status)) {
        next.doneAt = null;
        next.planVersionId = null;
      }
      return next;
    }
  }
}
