import type { TimelineEvent } from '../../shared/api-types.ts';
import type { IncidentEventData, StageRef } from '../../shared/incident-events.ts';
import { PACE_LEVELS, type PaceLevelName, type PacePurpose } from '../../shared/prepare-types.ts';
import { formatAbsolute } from '../core/time.ts';
import { DECISION_STYLE, purposeNoun } from '../notifications/notification-labels.ts';
import { PACE_LEVEL_LABELS } from '../pace/pace-labels.ts';
import type { EventDescription, EventNames } from './event-description.ts';

// Timeline wording for what notifications, communication levels, obligation submissions and playbook steps
// record: "<actor> <summary>" (the engine's own steps have no actor and read "Muster …").

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** "the primary level", "the Alternate level" → level names as people say them (a name this version does not know as it is). */
function level(value: PaceLevelName | null): string {
  return value && PACE_LEVELS.includes(value) ? PACE_LEVEL_LABELS[value].toLowerCase() : String(value ?? '?');
}

/** "GDPR: notify the supervisory authority … — Notification", or the ids when the plan does not name them. */
function stageWords(d: StageRef & { obligation?: string; stage?: string }, names?: EventNames): string {
  const { obligationId, stageId } = d;
  const named = names?.stage(obligationId, stageId);
  if (named) return `${named.obligation} — ${named.stage}`;
  const obligation = str(d.obligation);
  const stage = str(d.stage);
  if (obligation && stage) return `${obligation} — ${stage}`;
  return `${obligationId} — ${stageId}`;
}

/** A subject as the timeline shows it: only when it is not a bare template. */
function subjectLine(value: string): string[] {
  const subject = str(value);
  return subject && !subject.includes('{{') ? [`Subject: ${subject}`] : [];
}

/** Whom a ladder's purpose addresses: the recipient of a level that names no contact (a visit, a muster point). */
const AUDIENCES: Record<PacePurpose, string> = {
  'notify-customer': 'the customer',
  'coordinate-responders': 'the responders',
  'notify-authority': 'the authority',
  'inform-management': 'management',
  'notify-data-subjects': 'the data subjects',
};

/**
 * "delivered a notification by hand to Kari (emergency level)": who did it is the event's actor, for whom the
 * ladder step's contact. Older events carry neither the recipient nor whether it was by hand (and their `by` is the
 * user who recorded it): those come from the notification's ladder when the page has it.
 */
function acknowledgement(
  d: IncidentEventData['notification.acknowledged'],
  actorName: string | undefined,
  names?: EventNames,
): string {
  const where = `${level(d.level)} level`;
  if (d.via === 'link') return `acknowledged a notification (${where})`;
  const step = names?.ladderStep?.(String(d.notificationId ?? ''), str(d.level)) ?? null;
  const purpose = str(d.purpose) ?? step?.purpose ?? null;
  const recipient = str(d.recipient) ?? str(step?.recipient) ?? (purpose ? (AUDIENCES[purpose as PacePurpose] ?? null) : null);
  const byHand = typeof d.byHand === 'boolean' ? d.byHand : (step?.manual ?? false);
  if (byHand) return `delivered a notification by hand to ${recipient ?? 'its recipient'} (${where})`;
  const by = str(d.by);
  const someoneElse = by && by !== actorName ? by : null;
  return `recorded that ${recipient ?? someoneElse ?? 'the recipient'} has a notification (${where})`;
}

/** The words for a communication, obligation or playbook-step event; null for any other type. */
export function describeCommunicationEvent(event: TimelineEvent, names?: EventNames): EventDescription | null {
  // Destructured, so that the switch on the type narrows the data to that type's.
  const { type, data: d } = event;
  const base = { details: [] as string[], reason: null as string | null, markdown: null as string | null };
  const communication = { ...base, kind: 'communication' as const };
  switch (type) {
    case 'notification.requested':
      return {
        ...communication,
        summary: d.automatic
          ? `sent the first ${purposeNoun(d.purpose)} by itself, as the customer’s plan says`
          : d.to
            ? `sent a message to ${str(d.to.name) ?? 'one person'} through their own channels`
            : d.kind === 'instruction'
              ? 'asked the customer for an instruction'
              : d.kind === 'reminder'
                ? 'sent a deadline reminder to the responders'
                : `sent a ${purposeNoun(d.purpose)}`,
        details: subjectLine(d.subject),
      };
    case 'notification.prepared':
      return {
        ...communication,
        summary: `prepared a ${purposeNoun(d.purpose)}, ready to send`,
        details: subjectLine(d.subject),
      };
    case 'notification.attempted': {
      const where = `on the ${level(d.levelName)} level`;
      const attempt = d.attempt > 1 ? ` (try ${d.attempt})` : '';
      const accepted = d.outcome === 'accepted';
      return {
        ...communication,
        summary: accepted ? `delivered a notification ${where}${attempt}` : `could not deliver a notification ${where}${attempt}`,
        details: [
          str(d.channel) ? `Channel: ${d.channel}` : null,
          str(d.providerId) ? `Provider id: ${d.providerId}` : null,
        ].filter((line): line is string => line !== null),
        reason: accepted ? null : str(d.reason),
      };
    }
    case 'notification.escalated':
      return {
        ...communication,
        summary: `moved a notification from the ${level(d.from)} to the ${level(d.to)} level`,
        reason: str(d.reason),
      };
    case 'notification.skipped':
      return { ...communication, summary: `skipped the ${level(d.level)} level of a notification`, reason: str(d.reason) };
    case 'notification.exhausted':
      return {
        ...communication,
        kind: 'missed',
        // A level that took it was delivered to: the ladder ran out because nobody said they have it.
        summary: d.delivered
          ? 'ran out of levels for a notification: it was delivered, but nobody acknowledged it'
          : 'ran out of levels for a notification: nobody was reached',
        reason: str(d.reason),
      };
    case 'notification.task_created':
      return {
        ...communication,
        summary: `handed the ${level(d.level)} level of a notification to a person`,
        details: str(d.instruction) ? [`To do: ${d.instruction}`] : [],
      };
    case 'notification.acknowledged':
      return {
        ...communication,
        summary: acknowledgement(d, event.actor?.name, names),
        details: str(d.note) ? [`Note: ${d.note}`] : [],
      };
    case 'instruction.answered': {
      const decision = DECISION_STYLE[d.decision]?.label.toLowerCase() ?? String(d.decision);
      return { ...communication, summary: `answered the request for instruction: ${decision}`, markdown: str(d.text) };
    }
    case 'communication.level_set':
      return {
        ...communication,
        summary: `moved the incident’s communication from the ${level(d.from)} to the ${level(d.level)} level`,
        reason: str(d.reason),
      };
    case 'channel.compromised':
      return {
        ...communication,
        kind: 'severity',
        summary: `declared ${str(d.channel) ?? 'a channel'} compromised ${d.scope === 'customer' ? 'for every incident of the customer' : 'for this incident'}`,
        reason: str(d.reason),
      };
    case 'obligation.submitted': {
      const at = str(d.at);
      const details = [
        str(d.reference) ? `Reference: ${d.reference}` : null,
        at && Math.abs(Date.parse(at) - Date.parse(event.occurredAt)) > 60_000 ? `Submitted ${formatAbsolute(at)}` : null,
        str(d.note) ? `Note: ${d.note}` : null,
      ].filter((line): line is string => line !== null);
      return {
        ...base,
        kind: 'obligation',
        summary:
          d.via === 'notification'
            ? `met ${stageWords(d, names)} with a delivered notification`
            : `recorded the submission of ${stageWords(d, names)}`,
        details,
      };
    }
    case 'obligation.waived':
      return { ...base, kind: 'obligation', summary: `waived ${stageWords(d, names)}`, reason: str(d.reason) };
    case 'deadline.missed':
      return {
        ...base,
        kind: 'missed',
        summary: `missed the deadline of ${stageWords(d, names)}`,
        details: str(d.dueAt) ? [`It was due ${formatAbsolute(d.dueAt)}`] : [],
      };
    case 'step.completed':
      return {
        ...base,
        kind: 'step',
        summary: d.override
          ? `did the playbook step “${d.title}” without the customer’s instruction (flagged for the review)`
          : `marked the playbook step “${d.title}” done`,
        reason: str(d.override),
      };
    default:
      return null;
  }
}
