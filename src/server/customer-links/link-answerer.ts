import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { acknowledgeNotification, linkActor } from '../notifications/acknowledge-notification.ts';
import { findNotification } from '../notifications/notifications.queries.ts';

/**
 * Who answers through a customer link: the name they typed, else "someone with the link sent to <the contact the
 * message was on when they answered>". The actor of their events names them "(through a link)".
 */
export async function linkAnswerer(
  deps: Deps,
  notificationId: string,
  name: string | null,
  noun: string,
): Promise<{ actor: Actor; by: string }> {
  const { db, dialect } = deps.database;
  const notification = await findNotification(db, dialect, notificationId);
  const recipient = notification?.ladder[Math.max(notification.level, 0)]?.contactName;
  const by = name ?? `someone with the ${noun} link sent to ${recipient || 'the customer'} (no name given)`;
  return { actor: linkActor(notificationId, by), by };
}

/**
 * Answering through the link also acknowledges the message that carried it, so its ladder stops walking. The answer
 * is recorded already: a failure here is logged, and the ladder may walk on until someone acknowledges by hand.
 */
export async function acknowledgeThroughLink(
  deps: Deps,
  answerer: { actor: Actor; by: string },
  notificationId: string,
  context: Record<string, unknown>,
): Promise<void> {
  try {
    await acknowledgeNotification(deps, answerer.actor, notificationId, { by: answerer.by, via: 'link' });
  } catch (error) {
    deps.log.warn({ ...context, error: (error as Error).message }, 'answered through a link, its message not acknowledged');
  }
}
