import type { ReviewAction } from '../../shared/review-types.ts';
import type { Actor } from '../auth/policy.ts';
import { can } from '../auth/policy.ts';
import type { ReviewActionsTable } from '../core/db/review-schema.ts';
import { isActionOverdue } from './action.ts';
import { toActionState } from './actions.queries.ts';

/** The API shape of an action: its state, its incident's copies, whether it is overdue now, and what the reader may do. */
export function actionView(row: ReviewActionsTable, context: { actor: Actor; now: Date }): ReviewAction {
  const action = toActionState(row);
  return {
    id: action.id,
    incidentId: action.incidentId,
    incidentKey: row.incident_key,
    incidentTitle: row.incident_title,
    customerId: row.customer_id,
    exercise: Boolean(Number(row.exercise)),
    title: action.title,
    detail: action.detail,
    ownerId: action.ownerId,
    ownerName: action.ownerName,
    dueAt: action.dueAt,
    status: action.status,
    target: action.target,
    overdue: isActionOverdue(action, context.now),
    draft: action.draft,
    planVersionId: action.planVersionId,
    doneAt: action.doneAt,
    remindedAt: action.remindedAt,
    version: action.version,
    createdBy: action.createdBy,
    createdAt: action.createdAt,
    updatedAt: action.updatedAt,
    allowed: { change: can(context.actor, 'incident.change', row.customer_id) },
  };
}
