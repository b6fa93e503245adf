import type { IncidentEvent } from '../../shared/timeline-events.ts';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import type { NotifyConfig } from '../core/config.ts';
import type { Deps } from '../core/deps.ts';
import { instanceSecret } from '../core/instance-secret.ts';
import type { JobDefinition } from '../core/jobs/jobs.ts';
import { retryDelayMs } from '../core/jobs/jobs.ts';
import { customerLinkOf } from '../customer-links/message-link.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { findIncident } from '../incidents/incidents.queries.ts';
import { changeNotification, type NotificationScene } from './change-notification.ts';
import { channelSettings } from './channel-settings.ts';
import type { DeliveryResult } from './channels/channel.ts';
import { deliver } from './channels/deliver.ts';
import { describeStep, type LadderStep } from './ladder.ts';
import { wordMessage } from './message.ts';
import {
  compromisedReasons,
  type DeliveryAttempt,
  FINISHED,
  findNotification,
  type Notification,
} from './notifications.queries.ts';
import { LINK_LIFETIME_MS, signLink } from './signed-links.ts';
import {
  DELIVER_JOB,
  type DeliverPayload,
  deliverJob,
  moveToLevel,
  NO_ACK_JOB,
  type NotificationDecision,
  noAckJob,
  submissionBy,
  withAttempt,
} from './walk-ladder.ts';

export const RECONSIDER_JOB = 'notification.reconsider';

/** Whether this delivery job still has work: the notification is on its level, unfinished, and this try not yet made. */
function stillDue(n: Notification | null, payload: DeliverPayload): n is Notification {
  if (!n || n.status === 'draft' || FINISHED.has(n.status) || n.level !== payload.level) return false;
  return !n.attempts.some((a) => a.level === payload.level && a.attempt === payload.attempt);
}

/** The links in a message: where the incident is, where the recipient acknowledges or answers, and a customer link. */
export async function messageLinks(deps: Deps, n: Notification, now: Date) {
  const secret = await instanceSecret(deps.database);
  const purpose = n.kind === 'instruction' ? 'answer' : 'ack';
  const token = signLink(secret, purpose, n.id, new Date(now.getTime() + LINK_LIFETIME_MS));
  // A connection check's or preservation request's message carries a second link: the page where the customer answers.
  const customerLink =
    n.incidentId && n.purpose === 'notify-customer' && n.kind === 'message' ? await customerLinkOf(deps, n.id) : null;
  return {
    customerLink,
    ackUrl: `${deps.config.publicUrl}/${purpose}/${token}`,
    ackLabel: n.kind === 'instruction' ? 'Answer here (no account needed)' : 'Acknowledge receipt (no account needed)',
    incidentUrl: n.incidentId ? `${deps.config.publicUrl}/incidents/${n.incidentId}` : null,
  };
}

/** Delivers a notification on its current level once; the outcome decides the next step (see recordAttempt). */
export function deliverNotificationJob(deps: Deps): JobDefinition<DeliverPayload> {
  return {
    name: DELIVER_JOB,
    async handle(payload) {
      const { db, dialect } = deps.database;
      const n = await findNotification(db, dialect, payload.notificationId);
      if (!stillDue(n, payload)) return;
      const step = n.ladder[n.level];
      const compromised = await compromisedReasons(db, n.incidentId, n.customerId);
      if (step.manual || (step.channelId && compromised.has(step.channelId))) {
        await changeNotification(deps, SYSTEM_ACTOR, n.id, (scene) =>
          stillDue(scene.notification, payload) ? handOver(scene) : null,
        );
        return;
      }
      const incident = n.incidentId ? ((await findIncident(db, dialect, n.incidentId))?.state ?? null) : null;
      const now = deps.clock.now();
      const links = await messageLinks(deps, n, now);
      const words = wordMessage({ subject: n.subject, body: n.body }, { incident, ...links }, step.clearedForRed);
      const result = await deliver(
        { type: step.channelType as Exclude<typeof step.channelType, 'manual' | 'voice' | null>, address: step.address },
        {
          id: `${n.id}.${n.level}`,
          subject: words.subject,
          text: words.text,
          ackUrl: links.ackUrl,
          incident: cardOf(incident, links.incidentUrl),
        },
        await channelSettings(deps),
      );
      await changeNotification(deps, SYSTEM_ACTOR, n.id, (scene) =>
        stillDue(scene.notification, payload) ? recordAttempt(scene, payload, step, result, deps.config.notify) : null,
      );
    },
  };
}

function cardOf(incident: IncidentState | null, url: string | null) {
  return incident
    ? { key: incident.key, title: incident.title, tlp: incident.tlp, exercise: incident.exercise, url: url ?? '' }
    : null;
}

/** A step that no adapter delivers: skipped when its channel is compromised, else handed to a person as a task. */
function handOver({ notification: n, compromised, now }: NotificationScene): NotificationDecision {
  const step = n.ladder[n.level];
  const why = step.channelId ? compromised.get(step.channelId) : undefined;
  if (why !== undefined) return moveToLevel(n, n.level, `channel declared compromised: ${why}`, compromised, now);
  const attempt: DeliveryAttempt = {
    level: n.level,
    levelName: step.level,
    at: now.toISOString(),
    channel: describeStep(step),
    outcome: 'task',
    reason: null,
    providerId: null,
    attempt: 1,
  };
  return {
    events: [
      { type: 'notification.task_created', data: { notificationId: n.id, level: step.level, instruction: step.instruction } },
    ],
    set: { status: 'awaiting-person', ...withAttempt(n, attempt) },
    jobs: noAckJob(n, now),
  };
}

/**
 * Pure: records one delivery try. Accepted: delivered, the no-acknowledgement timer starts, and a notification
 * that submits an obligation stage records the submission. Failed: another try after a backoff while tries
 * are left and trying again can help; then the next level if the ladder says to move on delivery failure.
 */
export function recordAttempt(
  { notification: n, incident, compromised, now }: NotificationScene,
  payload: DeliverPayload,
  step: LadderStep,
  result: DeliveryResult,
  config: Pick<NotifyConfig, 'attemptsPerLevel'>,
): NotificationDecision {
  const at = now.toISOString();
  const attempt: DeliveryAttempt = {
    level: n.level,
    levelName: step.level,
    at,
    channel: describeStep(step),
    outcome: result.outcome,
    reason: result.outcome === 'failed' ? result.reason : null,
    providerId: result.outcome === 'accepted' ? result.providerId : null,
    attempt: payload.attempt,
  };
  const attempted: IncidentEvent = {
    type: 'notification.attempted',
    data: { notificationId: n.id, ...attempt, channel: attempt.channel },
  };
  const recorded = { ...n, attempts: [...n.attempts, attempt] };
  if (result.outcome === 'accepted') {
    const events = [attempted, ...submissionBy(n, incident, at, attempt.channel)];
    return { events, set: { status: 'delivered', sent_at: at, ...withAttempt(n, attempt) }, jobs: noAckJob(n, now) };
  }
  if (result.retryable && payload.attempt < config.attemptsPerLevel) {
    const retryAt = new Date(now.getTime() + retryDelayMs(payload.attempt));
    return { events: [attempted], set: withAttempt(n, attempt), jobs: [deliverJob(n.id, n.level, payload.attempt + 1, retryAt)] };
  }
  if (!step.moveOn.onDeliveryFailure) {
    return { events: [attempted], set: { status: 'failed', ...withAttempt(n, attempt) }, jobs: [] };
  }
  const moved = moveToLevel(recorded, n.level + 1, `delivery failed: ${result.reason}`, compromised, now);
  return { ...moved, events: [attempted, ...moved.events] };
}

/** Nobody acknowledged within the level's time: move on. */
export function noAckNotificationJob(deps: Deps): JobDefinition<{ notificationId: string; level: number }> {
  return {
    name: NO_ACK_JOB,
    async handle(payload) {
      await changeNotification(deps, SYSTEM_ACTOR, payload.notificationId, ({ notification: n, compromised, now }) => {
        if (n.level !== payload.level || FINISHED.has(n.status)) return null;
        const minutes = n.ladder[n.level]?.moveOn.noAckMinutes;
        return moveToLevel(n, n.level + 1, `no acknowledgement within ${minutes} min`, compromised, now);
      });
    },
  };
}

/**
 * After "move communication to level X" or "channel compromised": a notification on a lower level, or on a
 * compromised channel, moves on now instead of waiting for its timer.
 */
export function reconsiderNotificationJob(deps: Deps): JobDefinition<{ notificationId: string; reason: string }> {
  return {
    name: RECONSIDER_JOB,
    async handle(payload) {
      await changeNotification(deps, SYSTEM_ACTOR, payload.notificationId, ({ notification: n, incident, compromised, now }) => {
        if (n.status === 'draft' || FINISHED.has(n.status)) return null;
        const step = n.ladder[n.level];
        const onCompromised = step?.channelId ? compromised.has(step.channelId) : false;
        const minimum = incident?.communicationLevel ? n.ladder.findIndex((s) => s.level === incident.communicationLevel) : -1;
        if (minimum > n.level) return moveToLevel(n, minimum, payload.reason, compromised, now);
        if (onCompromised) return moveToLevel(n, n.level + 1, payload.reason, compromised, now);
        return null;
      });
    },
  };
}
