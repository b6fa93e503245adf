import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { NotificationsTable } from '../core/db/schema.ts';
import type { NewJob } from '../core/jobs/jobs.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { describeStep } from './ladder.ts';
import type { DeliveryAttempt, Notification } from './notifications.queries.ts';

export const DELIVER_JOB = 'notification.deliver';
export const NO_ACK_JOB = 'notification.no-ack';

export interface DeliverPayload {
  notificationId: string;
  level: number;
  attempt: number;
}

/** What one step of the engine does to a notification: timeline events, the row's new fields, jobs to enqueue. */
export interface NotificationDecision {
  events: IncidentEvent[];
  set: Partial<NotificationsTable>;
  jobs: NewJob[];
}

export function deliverJob(notificationId: string, level: number, attempt: number, runAt?: Date): NewJob {
  const payload: DeliverPayload = { notificationId, level, attempt };
  return { name: DELIVER_JOB, payload, runAt, uniqueKey: `deliver:${notificationId}:${level}:${attempt}` };
}

/** The move-on timer of a level: if nobody acknowledges by then, the ladder moves on. */
export function noAckJob(n: Notification, now: Date): NewJob[] {
  const minutes = n.ladder[n.level]?.moveOn.noAckMinutes;
  if (minutes === null || minutes === undefined) return [];
  const payload = { notificationId: n.id, level: n.level };
  return [
    {
      name: NO_ACK_JOB,
      payload,
      runAt: new Date(now.getTime() + minutes * 60_000),
      uniqueKey: `no-ack:${n.id}:${n.level}`,
    },
  ];
}

/**
 * A notification sent as the submission of an obligation stage meets it once it reached the recipient: accepted
 * by the channel, or handed over by a person on a manual level. Nothing when the stage was already met.
 */
export function submissionBy(n: Notification, incident: IncidentState | null, at: string, how: string): IncidentEvent[] {
  if (!n.obligationRef || !incident || incident.submissions?.[n.obligationRef]) return [];
  const [obligationId, stageId] = n.obligationRef.split('/');
  return [
    {
      type: 'obligation.submitted',
      data: {
        obligationId,
        stageId,
        at,
        reference: `Muster notification ${n.id}`,
        via: 'notification',
        notificationId: n.id,
        note: how,
      },
    },
  ];
}

export function withAttempt(n: Notification, attempt: DeliveryAttempt): Pick<NotificationsTable, 'attempts'> {
  return { attempts: JSON.stringify([...n.attempts, attempt]) };
}

/**
 * Pure: moves the notification to the first usable level at or after `to` (skipping compromised channels, each
 * skip on the record) and asks for its delivery; with no level left the notification is exhausted and says so.
 */
export function moveToLevel(
  n: Notification,
  to: number,
  reason: string,
  compromised: ReadonlyMap<string, string>,
  now: Date,
): NotificationDecision {
  const at = now.toISOString();
  const events: IncidentEvent[] = [];
  const attempts = [...n.attempts];
  let level = to;
  while (level < n.ladder.length) {
    const step = n.ladder[level];
    const why = step.channelId ? compromised.get(step.channelId) : undefined;
    if (why === undefined) break;
    const reason = `channel declared compromised: ${why}`;
    const skipped: DeliveryAttempt = {
      level,
      levelName: step.level,
      at,
      channel: describeStep(step),
      outcome: 'skipped',
      reason,
      providerId: null,
      attempt: 0,
    };
    attempts.push(skipped);
    events.push({ type: 'notification.skipped', data: { notificationId: n.id, level: step.level, reason } });
    level += 1;
  }
  const from = n.ladder[n.level]?.level ?? null;
  if (level >= n.ladder.length) {
    const delivered = attempts.some((a) => a.outcome === 'accepted');
    events.push({ type: 'notification.exhausted', data: { notificationId: n.id, from, reason, delivered } });
    return { events, set: { status: 'exhausted', attempts: JSON.stringify(attempts), updated_at: at }, jobs: [] };
  }
  // A notification that has not started (level -1) just begins; one under way records its escalation.
  if (from !== null) {
    events.push({ type: 'notification.escalated', data: { notificationId: n.id, from, to: n.ladder[level].level, reason } });
  }
  return {
    events,
    set: { level, status: 'delivering', attempts: JSON.stringify(attempts), updated_at: at },
    jobs: [deliverJob(n.id, level, 1)],
  };
}
