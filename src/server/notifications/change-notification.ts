import type { Actor } from '../auth/policy.ts';
import { commit } from '../core/commit.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { enqueue } from '../core/jobs/jobs.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { compromisedReasons, findNotification, type Notification, updateNotification } from './notifications.queries.ts';
import type { NotificationDecision } from './walk-ladder.ts';

export interface NotificationScene {
  notification: Notification;
  /** The incident as it is now; null for channel tests. */
  incident: IncidentState | null;
  /** Channels declared compromised for the incident or its customer: id → reason. */
  compromised: Map<string, string>;
  now: Date;
  tx: Tx;
}

/**
 * Applies one step of a notification's life in one transaction: the decision is made from the notification,
 * its incident and the compromised channels as they are inside the transaction, and its timeline events,
 * row changes and jobs commit together. For incident notifications every step with an effect must carry
 * at least one event: the timeline is the record of what was tried.
 */
export async function changeNotification(
  deps: Deps,
  actor: Actor,
  id: string,
  decide: (scene: NotificationScene) => NotificationDecision | null | Promise<NotificationDecision | null>,
): Promise<Notification> {
  const { dialect } = deps.database;
  const head = await findNotification(deps.database.db, dialect, id);
  if (!head) throw new AppError('not_found', `No notification ${id}`);
  let decision: NotificationDecision | null = null;
  const sceneOf = async (tx: Tx, incident: IncidentState | null, now: Date): Promise<NotificationScene> => {
    const notification = await findNotification(tx, dialect, id, true);
    if (!notification) throw new AppError('not_found', `No notification ${id}`);
    const compromised = await compromisedReasons(tx, notification.incidentId, notification.customerId);
    return { notification, incident, now, tx, compromised };
  };
  const apply = async (tx: Tx, now: Date) => {
    if (!decision) return;
    if (Object.keys(decision.set).length) await updateNotification(tx, id, { updated_at: now.toISOString(), ...decision.set });
    for (const job of decision.jobs) await enqueue(tx, job, now);
  };
  if (head.incidentId) {
    await appendToIncident(deps, actor, head.incidentId, {
      decide: async (tx, state, now) => {
        decision = await decide(await sceneOf(tx, state, now));
        return decision?.events ?? [];
      },
      alongside: (tx, _next, _events, now) => apply(tx, now),
    });
  } else {
    await commit(deps, async (tx) => {
      const now = deps.clock.now();
      decision = await decide(await sceneOf(tx, null, now));
      await apply(tx, now);
    });
  }
  return (await findNotification(deps.database.db, dialect, id)) as Notification;
}
