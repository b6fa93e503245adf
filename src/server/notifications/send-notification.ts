import { randomUUIDv7 } from 'node:crypto';
import { PACE_LEVELS, PACE_PURPOSE_LABELS, type PacePurpose } from '../../shared/prepare-types.ts';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Actor } from '../auth/policy.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { enqueue } from '../core/jobs/jobs.ts';
import { planStage } from '../deadlines/incident-snapshot.ts';
import { appendToIncident, type IncidentChange } from '../incidents/change-incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { communicationContents } from '../plans/plan-contents.ts';
import { changeNotification } from './change-notification.ts';
import { resolveLadder } from './ladder.ts';
import {
  compromisedReasons,
  findNotification,
  hasNotificationFor,
  insertNotification,
  type Notification,
} from './notifications.queries.ts';
import { personLadder } from './person-ladder.ts';
import { moveToLevel, type NotificationDecision } from './walk-ladder.ts';

export interface NotificationDraft {
  purpose: PacePurpose;
  /** Templates: {{incident.key}}, {{incident.title}}, {{incident.description}}, {{incident.awareAt}}… */
  subject?: string;
  body?: string;
  kind?: 'message' | 'instruction' | 'reminder';
  /** Sending this is the submission of an obligation stage: "obligationId/stageId". */
  obligationRef?: string | null;
  /** The playbook step an instruction request is about: "playbookSlug/stepId". */
  stepRef?: string | null;
  /** Prepare it for one-click sending instead of sending now. */
  draft?: boolean;
  /** To one user through their own channels (see personLadder) instead of the customer's ladder for the purpose. */
  to?: { userId: string };
  /** Sent by itself (the customer's first report setting), not asked for by a person: the timeline says so. */
  automatic?: boolean;
  /** Only when the incident has no notification for the purpose yet (a draft counts): checked in the transaction. */
  onlyFirst?: boolean;
}

/**
 * What another domain records together with a notification (a connection check): it may refuse, or word the
 * message, from the incident as it is inside the transaction, and its events and rows commit with the
 * notification's, so that neither exists without the other. Called again on a retry.
 */
export interface NotificationCompanion {
  prepare(tx: Tx, incident: IncidentState, now: Date): Promise<Pick<NotificationDraft, 'subject' | 'body'>>;
  /** Events that go on the timeline just before the notification's own. */
  events(n: Notification): IncidentEvent[];
  write(tx: Tx, n: Notification, now: Date): Promise<void>;
}

const DEFAULT_SUBJECT = '{{incident.key}}: {{incident.title}}';
const DEFAULT_BODY = 'A security incident concerns you.\n\n{{incident.description}}';

/** Where a notification starts: the level the team moved the incident's communication to, else primary. */
export function startLevel(n: Pick<Notification, 'ladder'>, incident: IncidentState | null): number {
  const wanted = incident?.communicationLevel ? PACE_LEVELS.indexOf(incident.communicationLevel) : 0;
  const index = n.ladder.findIndex((s) => PACE_LEVELS.indexOf(s.level) >= wanted);
  return index === -1 ? n.ladder.length : index;
}

/**
 * Sends a message about an incident up the customer's PACE ladder for the purpose (or prepares it as a draft):
 * the request, the first level's delivery job and the timeline events commit together, and the engine walks
 * the ladder from there until someone acknowledges.
 */
export async function sendNotification(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  draft: NotificationDraft,
  companion?: NotificationCompanion,
): Promise<Notification> {
  return (await requestNotification(deps, actor, incidentIdOrKey, draft, companion)) as Notification;
}

/**
 * sendNotification, unless the incident already has a notification for the purpose (a draft too): checked in
 * the same transaction, so however often it runs, one goes. Null when one was there.
 */
export function sendFirstNotification(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  draft: NotificationDraft,
): Promise<Notification | null> {
  return requestNotification(deps, actor, incidentIdOrKey, { ...draft, onlyFirst: true });
}

async function requestNotification(
  deps: Deps,
  actor: Actor,
  incidentIdOrKey: string,
  draft: NotificationDraft,
  companion?: NotificationCompanion,
): Promise<Notification | null> {
  const change = notificationChange(deps, actor, draft, companion);
  await appendToIncident(deps, actor, incidentIdOrKey, change);
  const made = change.made();
  return made && ((await findNotification(deps.database.db, deps.database.dialect, made.id)) as Notification);
}

/**
 * A notification as one part of an incident change: its events come from decide and its row and jobs from
 * alongside, so a use-case can tell someone in the same transaction as the change it tells them of.
 */
export function notificationChange(
  deps: Deps,
  actor: Actor,
  draft: NotificationDraft,
  companion?: NotificationCompanion,
): Required<Pick<IncidentChange, 'decide' | 'alongside'>> & { created(): Notification; made(): Notification | null } {
  let created: Notification | null = null;
  let decision: NotificationDecision | null = null;
  return {
    created() {
      if (!created) throw new Error('The notification was not decided');
      return created;
    },
    made: () => created,
    async decide(tx, incident, now) {
      created = null;
      decision = null;
      if (draft.onlyFirst && (await hasNotificationFor(tx, incident.id, draft.purpose))) return [];
      const worded = companion ? await companion.prepare(tx, incident, now) : {};
      const subject = worded.subject ?? draft.subject;
      const body = worded.body ?? draft.body;
      if (draft.obligationRef) {
        const [obligationId, stageId] = draft.obligationRef.split('/');
        if (!(await planStage(tx, deps.database.dialect, incident, obligationId, stageId, now))) {
          throw new AppError(
            'invalid',
            `The incident's plan has no obligation stage ${obligationId}/${stageId}: a notification submits only an obligation of the incident's own customer`,
            'obligationId',
          );
        }
      }
      const ladder = draft.to
        ? await personLadder(tx, deps.database.dialect, draft.to.userId)
        : await purposeLadder(tx, deps, incident, draft.purpose, now);
      const at = now.toISOString();
      const n: Notification = {
        id: randomUUIDv7(),
        incidentId: incident.id,
        customerId: incident.customerId,
        purpose: draft.purpose,
        kind: draft.kind ?? 'message',
        status: draft.draft ? 'draft' : 'delivering',
        level: -1,
        ladder,
        subject: subject?.trim() || DEFAULT_SUBJECT,
        body: body?.trim() || DEFAULT_BODY,
        attempts: [],
        obligationRef: draft.obligationRef ?? null,
        stepRef: draft.stepRef ?? null,
        response: null,
        createdBy: actor.name,
        createdAt: at,
        updatedAt: at,
        sentAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
      };
      created = n;
      const requested: IncidentEvent = {
        type: draft.draft ? 'notification.prepared' : 'notification.requested',
        data: {
          notificationId: n.id,
          purpose: n.purpose,
          kind: n.kind,
          subject: n.subject,
          levels: ladder.map((s) => s.level),
          obligationRef: n.obligationRef,
          stepRef: n.stepRef,
          ...(draft.to ? { to: { userId: draft.to.userId, name: ladder[0]?.contactName ?? '' } } : {}),
          ...(draft.automatic ? { automatic: true as const } : {}),
        },
      };
      const companions = companion?.events(n) ?? [];
      if (draft.draft) {
        decision = { events: [...companions, requested], set: {}, jobs: [] };
      } else {
        const compromised = await compromisedReasons(tx, incident.id, incident.customerId);
        const moved = moveToLevel(n, startLevel(n, draft.to ? null : incident), 'sent', compromised, now);
        decision = { ...moved, events: [...companions, requested, ...moved.events] };
      }
      return decision.events;
    },
    async alongside(tx, _next, _events, now) {
      if (!created || !decision) return;
      const n: Notification = created;
      await insertNotification(tx, {
        id: n.id,
        incident_id: n.incidentId,
        customer_id: n.customerId,
        purpose: n.purpose,
        kind: n.kind,
        status: n.status,
        level: n.level,
        ladder: JSON.stringify(n.ladder),
        subject: n.subject,
        body: n.body,
        attempts: '[]',
        obligation_ref: n.obligationRef,
        step_ref: n.stepRef,
        response: null,
        created_by: n.createdBy,
        created_at: n.createdAt,
        updated_at: n.updatedAt,
        sent_at: null,
        acknowledged_at: null,
        acknowledged_by: null,
        ...decision.set,
      });
      await companion?.write(tx, n, now);
      for (const job of decision.jobs) await enqueue(tx, job, now);
    },
  };
}

/** The customer's PACE ladder for the purpose; 409 naming the purpose when the plan has none. */
async function purposeLadder(tx: Tx, deps: Deps, incident: IncidentState, purpose: PacePurpose, now: Date) {
  const { contacts, pacePlans } = await communicationContents(tx, deps.database.dialect, incident.customerId, now);
  const plan = pacePlans.find((p) => p.purpose === purpose);
  const ladder = plan ? resolveLadder(plan, contacts) : [];
  if (ladder.length === 0) {
    throw new AppError(
      'conflict',
      `There is no PACE ladder to "${PACE_PURPOSE_LABELS[purpose].toLowerCase()}" for this incident's customer; set one up on the customer's PACE tab`,
      'purpose',
    );
  }
  return ladder;
}

/** Sends a prepared draft ("one click to send"), from the level the incident's communication is at now. */
export function sendDraft(deps: Deps, actor: Actor, id: string): Promise<Notification> {
  return changeNotification(deps, actor, id, ({ notification: n, incident, compromised, now }) => {
    if (n.status !== 'draft') throw new AppError('conflict', 'This notification was already sent');
    const moved = moveToLevel(n, startLevel(n, incident), 'sent', compromised, now);
    const requested: IncidentEvent = {
      type: 'notification.requested',
      data: { notificationId: n.id, purpose: n.purpose, kind: n.kind, subject: n.subject, levels: n.ladder.map((s) => s.level) },
    };
    return { ...moved, events: [requested, ...moved.events] };
  });
}
