import type { ActionFields, ActionStatus } from '../../shared/review-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { ReviewActionsTable } from '../core/db/review-schema.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { assertIncidentAccess } from '../incidents/incident-access.ts';
import { decideChangeAction } from './action.ts';
import { ownerFor, type TargetInput, targetFor } from './action-inputs.ts';
import { findAction, toActionState } from './actions.queries.ts';

export interface ActionChangesBody {
  expectedVersion?: number;
  title?: string;
  detail?: string;
  ownerId?: string | null;
  dueAt?: string | null;
  status?: ActionStatus;
  target?: TargetInput | null;
}

/**
 * Changes an action (one action.changed event with the previous values; none when nothing differs). A stale
 * expectedVersion is 409; an action of an incident the actor may not see is 404 like a missing one. Works on a
 * closed incident too: an action outlives it.
 */
export async function changeAction(
  deps: Deps,
  actor: Actor,
  actionId: string,
  input: ActionChangesBody,
): Promise<ReviewActionsTable> {
  const notFound = `No action ${actionId}`;
  const row = await findAction(deps.database.db, actionId);
  if (!row) throw new AppError('not_found', notFound);
  await appendToIncident(deps, actor, row.incident_id, {
    authorize: (tx, incident) => assertIncidentAccess(tx, actor, incident, 'incident.change', notFound),
    async decide(tx, incident, now) {
      const fresh = await findAction(tx, actionId);
      if (!fresh || fresh.incident_id !== incident.id) throw new AppError('not_found', notFound);
      const action = toActionState(fresh);
      const { expectedVersion, ownerId, dueAt, target, ...rest } = input;
      const changes: Partial<ActionFields> = { ...rest };
      if (dueAt !== undefined) changes.dueAt = dueAt === null ? null : new Date(dueAt).toISOString();
      if (ownerId !== undefined && ownerId !== action.ownerId) {
        const owner = await ownerFor(tx, incident, ownerId);
        changes.ownerId = owner?.id ?? null;
        changes.ownerName = owner?.name ?? null;
      }
      if (target !== undefined) changes.target = await targetFor(tx, deps, incident, target, now);
      return decideChangeAction(action, { expectedVersion, changes });
    },
  });
  return (await findAction(deps.database.db, actionId)) as ReviewActionsTable;
}
