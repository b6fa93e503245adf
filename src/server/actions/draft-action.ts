import type { Playbook } from '../../shared/prepare-types.ts';
import type { ActionTarget } from '../../shared/review-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { ReviewActionsTable } from '../core/db/review-schema.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { assertIncidentAccess } from '../incidents/incident-access.ts';
import { findIncident } from '../incidents/incidents.queries.ts';
import { effectivePlaybooks } from '../plans/plan-contents.ts';
import { listRecords } from '../registry/records.queries.ts';
import { PLAYBOOK } from '../registry/registry-kinds.ts';
import { createRecord, recordView } from '../registry/save-record.ts';
import { isActionFinished } from './action.ts';
import { findAction, toActionState } from './actions.queries.ts';

/** Where the draft of an action's target is edited. */
export type DraftPlace = { type: 'playbook'; customerId: string; recordId: string } | { type: 'plan'; customerId: string };

/**
 * Acts on an action's target: opens its draft with the action linked (action.drafted; an open action becomes in
 * progress). A playbook the customer has no own copy of (the organisation's or the library's) is copied for the
 * customer first, with the right to change its registry, and that copy is the draft; the customer's plan's draft is
 * its live registry contents. Acting again on the same draft records nothing new.
 */
export async function draftAction(
  deps: Deps,
  actor: Actor,
  actionId: string,
): Promise<{ action: ReviewActionsTable; edit: DraftPlace }> {
  const { db, dialect } = deps.database;
  const notFound = `No action ${actionId}`;
  const row = await findAction(db, actionId);
  if (!row) throw new AppError('not_found', notFound);
  const incident = await findIncident(db, dialect, row.incident_id);
  if (!incident) throw new AppError('not_found', notFound);
  await assertIncidentAccess(db, actor, incident.state, 'incident.change', notFound);
  const target = assertDraftable(toActionState(row));
  const edit: DraftPlace =
    target.type === 'plan'
      ? { type: 'plan', customerId: target.customerId }
      : { type: 'playbook', customerId: target.customerId, recordId: await customerCopy(deps, actor, target) };
  const recordId = edit.type === 'playbook' ? edit.recordId : null;
  await appendToIncident(deps, actor, row.incident_id, {
    authorize: (tx, state) => assertIncidentAccess(tx, actor, state, 'incident.change', notFound),
    async decide(tx) {
      const fresh = await findAction(tx, actionId);
      if (!fresh) throw new AppError('not_found', notFound);
      const action = toActionState(fresh);
      const now = assertDraftable(action);
      if (action.draft && action.draft.recordId === recordId) return [];
      return [{ type: 'action.drafted', data: { actionId, title: action.title, target: now, recordId } }];
    },
  });
  return { action: (await findAction(db, actionId)) as ReviewActionsTable, edit };
}

function assertDraftable(action: ReturnType<typeof toActionState>): ActionTarget {
  if (isActionFinished(action.status)) throw new AppError('conflict', `This action is already ${action.status}`);
  if (!action.target) {
    throw new AppError('conflict', 'This action changes no playbook or plan: give it a target first', 'target');
  }
  return action.target;
}

/** The customer's own copy of the playbook, made now from the organisation's or the library's when there is none. */
async function customerCopy(deps: Deps, actor: Actor, target: Extract<ActionTarget, { type: 'playbook' }>): Promise<string> {
  const { db } = deps.database;
  const own = (await listRecords(db, { kind: 'playbook', customerId: target.customerId, visible: null }))
    .map((r) => recordView<Playbook>(r))
    .find((p) => p.slug === target.playbookId);
  if (own) return own.id;
  const source = (await effectivePlaybooks(db, null)).find((p) => p.slug === target.playbookId);
  if (!source) {
    throw new AppError('conflict', `The playbook ${target.name} no longer exists to be changed`, 'target');
  }
  const copy = await createRecord(deps, actor, PLAYBOOK, target.customerId, {
    slug: source.slug,
    name: source.name,
    summary: source.summary,
    categories: structuredClone(source.categories),
    steps: structuredClone(source.steps),
    preserve: structuredClone(source.preserve ?? []),
    basedOn: source.id,
  });
  return copy.id;
}
