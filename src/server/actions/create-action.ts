import { randomUUIDv7 } from 'node:crypto';
import type { Actor } from '../auth/policy.ts';
import type { ReviewActionsTable } from '../core/db/review-schema.ts';
import type { Deps } from '../core/deps.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { assertActionsAllowed, decideCreateAction } from './action.ts';
import { ownerFor, type TargetInput, targetFor } from './action-inputs.ts';
import { findAction } from './actions.queries.ts';

export interface NewActionBody {
  title: string;
  detail?: string;
  ownerId?: string | null;
  dueAt?: string | null;
  target?: TargetInput | null;
}

/**
 * Adds an action from the incident's review (one action.created event, its row and its reminder job together).
 * Allowed while the incident is responding, recovering, reviewing or closed; 409 on a dismissed one.
 */
export async function createAction(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  input: NewActionBody,
): Promise<ReviewActionsTable> {
  const actionId = randomUUIDv7();
  await appendToIncident(deps, actor, incidentIdOrKey, {
    async decide(tx, incident, now) {
      assertActionsAllowed(incident);
      const owner = await ownerFor(tx, incident, input.ownerId ?? null);
      return [
        decideCreateAction({
          actionId,
          title: input.title,
          detail: input.detail ?? '',
          ownerId: owner?.id ?? null,
          ownerName: owner?.name ?? null,
          dueAt: input.dueAt ? new Date(input.dueAt).toISOString() : null,
          target: await targetFor(tx, deps, incident, input.target ?? null, now),
        }),
      ];
    },
  });
  return (await findAction(deps.database.db, actionId)) as ReviewActionsTable;
}
