import type { CustodyEventData } from './custody-events.ts';
import type { IncidentEventData } from './incident-events.ts';
import { RECORD_KINDS, type RecordEventData } from './record-events.ts';
import type { TriageEventData } from './triage-events.ts';

// The vocabulary of the event streams: every event type the server appends, with the shape of its data. The
// server's builders and folds and the web's timeline words are checked against it. Types only, no logic.
//
// Stored events never change (the hash chain covers their bytes): a field that events recorded before it was
// added lack is optional here, and stays so. A new event type is declared before anything appends it: its data in
// its stream's file (incident-, triage-, record- or custody-events.ts) and its name in the lists below.
// Event data are type aliases, not interfaces, so that each is also a plain Record<string, unknown> (JSON).

/** One event as built: its type and the data of that type. */
export type EventOf<M> = { [T in keyof M & string]: { type: T; data: M[T] } }[keyof M & string];

export type IncidentEvent = EventOf<IncidentEventData>;
export type TriageEvent = EventOf<TriageEventData>;
export type RecordEvent = EventOf<RecordEventData>;
export type CustodyEvent = EventOf<CustodyEventData>;

export type IncidentEventType = IncidentEvent['type'];
export type TriageEventType = TriageEvent['type'];
export type RecordEventType = RecordEvent['type'];

/** The events each kind of stream holds. */
export interface StreamEvents {
  incident: IncidentEvent;
  triage: TriageEvent;
  record: RecordEvent;
  custody: CustodyEvent;
}
export type StreamType = keyof StreamEvents;

/** Any event of any stream. */
export type TimelineEventBody = StreamEvents[StreamType];

const INCIDENT_TYPES = {
  'incident.reported': true,
  'incident.updated': true,
  'incident.severity_overridden': true,
  'note.added': true,
  'decision.recorded': true,
  'incident.transitioned': true,
  'milestone.recorded': true,
  'determination.recorded': true,
  'evidence.added': true,
  'evidence.custody_recorded': true,
  'evidence.verified': true,
  'triage.attached': true,
  'access.granted': true,
  'access.revoked': true,
  'role.assigned': true,
  'role.removed': true,
  'notification.prepared': true,
  'notification.requested': true,
  'notification.attempted': true,
  'notification.escalated': true,
  'notification.skipped': true,
  'notification.exhausted': true,
  'notification.task_created': true,
  'notification.acknowledged': true,
  'instruction.answered': true,
  'communication.level_set': true,
  'channel.compromised': true,
  'obligation.submitted': true,
  'obligation.waived': true,
  'deadline.missed': true,
  'step.completed': true,
  'effects.assessed': true,
  'connection_check.requested': true,
  'connection_check.answered': true,
  'preservation.requested': true,
  'preservation.answered': true,
  'tasks.applied': true,
  'task.created': true,
  'task.changed': true,
  'task.reminded': true,
  'observable.added': true,
  'observable.changed': true,
  'observable.removed': true,
  'report.exported': true,
  'review.opened': true,
  'review.updated': true,
  'review.completed': true,
  'review.waived': true,
  'action.created': true,
  'action.changed': true,
  'action.drafted': true,
  'action.completed': true,
  'action.reminded': true,
} satisfies Record<IncidentEventType, true>;

const TRIAGE_TYPES = {
  'triage.group_opened': true,
  'triage.reported': true,
  'triage.information_added': true,
  'triage.incident_opened': true,
  'triage.attached': true,
  'triage.dismissed': true,
} satisfies Record<TriageEventType, true>;

/** The name of every event type, by the stream that holds it (each list checked against the types above). */
export const EVENT_TYPES: { [S in StreamType]: readonly StreamEvents[S]['type'][] } = {
  incident: Object.keys(INCIDENT_TYPES) as IncidentEventType[],
  triage: Object.keys(TRIAGE_TYPES) as TriageEventType[],
  record: [
    ...RECORD_KINDS.flatMap((kind) => [`${kind}.created`, `${kind}.updated`, `${kind}.archived`] as const),
    'customer.member_set',
    'customer.member_removed',
    'plan.published',
  ],
  custody: ['custody.recorded'],
};
