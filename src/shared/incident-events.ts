import type { CheckAnswerStatus, ConnectionToCheck } from './connection-check-types.ts';
import type { RecordedCustodyAction } from './custody-events.ts';
import type { EffectAnswerValue, EffectQuestionId } from './effects.ts';
import type { FieldChanges } from './field-changes.ts';
import type {
  Impact,
  IncidentRole,
  IncidentSource,
  IncidentStatus,
  Milestone,
  Origin,
  Severity,
  Tlp,
} from './incident-vocabulary.ts';
import type { DeliveryAttempt, InstructionAnswer, NotificationKind } from './notification-types.ts';
import type { ObservableType } from './observable-types.ts';
import type { PaceLevelName, PacePurpose, StepDue } from './prepare-types.ts';
import type { PreserveAnswerStatus } from './preservation-types.ts';
import type { ActionFields, ActionTarget, ReviewFields } from './review-types.ts';
import type { TaskPhase, TaskStatus } from './task-types.ts';
import type { TriageKind } from './triage-types.ts';

// The incident stream's part of the event vocabulary (see timeline-events.ts for the rules every event type follows).

/** The fields of an incident a report or an update sets (`incident.updated` records them changed). */
export interface IncidentFields {
  title: string;
  description: string;
  category: string | null;
  origin: Origin;
  impact: Impact | null;
  tlp: Tlp;
  exercise: boolean;
  personalData: boolean | null;
  occurredAt: string | null;
  detectedAt: string | null;
  awareAt: string | null;
  assignments: Partial<Record<IncidentRole, string>>;
  customerId: string | null;
  serviceIds: string[];
  /** The customer's plan version in force; set by the server from the customer's current plan, never by a caller. */
  planVersionId: string | null;
}

export type IncidentReported = Omit<IncidentFields, 'customerId' | 'serviceIds' | 'planVersionId'> & {
  id: string;
  key: string;
  source: IncidentSource;
  reportedAt: string;
  /** Absent on incidents reported before customers, services and plans were kept. */
  customerId?: string | null;
  serviceIds?: string[];
  planVersionId?: string | null;
};

/** DP1 (is it an incident?) or DP2 (classified: respond), with the classification DP2 was made on. */
export type DecisionRecorded =
  | { point: 'DP1'; outcome: 'incident' | 'false-positive'; reason: string | null }
  | {
      point: 'DP2';
      outcome: 'respond';
      reason: string | null;
      classification: { category: string | null; impact: Impact | null; severity: Severity | null; tlp: Tlp };
    };

/** The obligation stage an event is about. */
export type StageRef = {
  obligationId: string;
  stageId: string;
};

/** The notification an event is about. */
type OfNotification = {
  notificationId: string;
};

export type NotificationRequested = OfNotification & {
  purpose: string;
  kind: NotificationKind;
  subject: string;
  levels: PaceLevelName[];
  /** Absent when a prepared draft is sent (its notification.prepared holds them). */
  obligationRef?: string | null;
  stepRef?: string | null;
  /** To one user through their own channels (a role given, a task due), not a customer's ladder. */
  to?: { userId: string; name: string };
  /** Sent by itself (the first report, as the customer's plan says), not asked for by a person; absent otherwise. */
  automatic?: true;
};

/** Who held a role, as the timeline names them: a user, or (userId null) a name typed on the incident. */
export type RoleHolderNamed = {
  userId: string | null;
  userName: string;
};

/** What a task change may set (`task.changed` records them changed). */
export interface TaskFields {
  title: string;
  detail: string;
  assigneeId: string | null;
  /** The assignee's name when given (the timeline reads without a lookup). */
  assigneeName: string | null;
  dueAt: string | null;
  /** The offset the due time follows; set to null when someone fixes the due time by hand. */
  due: StepDue | null;
  status: TaskStatus;
  note: string;
}

/** The task an event is about, with its title when the event was recorded. */
type OfTask = {
  taskId: string;
  title: string;
};

export type TaskCreated = OfTask & {
  detail: string;
  phase: TaskPhase | null;
  role: IncidentRole | null;
  assigneeId: string | null;
  assigneeName: string | null;
  dueAt: string | null;
  due: StepDue | null;
  needsInstruction: boolean;
  /** What an instruction request about it names: `playbookSlug/stepId`, or `task/<taskId>`; null when it needs none. */
  stepRef: string | null;
  /** The playbook (slug) and step it came from; null for an ad-hoc task. */
  playbookId: string | null;
  stepId: string | null;
  /** Absent: open. A step recorded done before its playbook was applied starts done. */
  status?: TaskStatus;
  note?: string;
};

/** The observable an event is about: its id, and its type and value, so that the timeline reads alone. */
type OfObservable = {
  observableId: string;
  type: ObservableType;
  value: string;
};

/** What a change to an observable may set (`observable.changed` records them changed). */
export type ObservableFields = {
  tags: string[];
  tlp: Tlp;
  description: string;
};

/** The review action an event is about, with its title when the event was recorded. */
type OfAction = {
  actionId: string;
  title: string;
};

/** Data of each event type on an incident's timeline. */
export interface IncidentEventData {
  'incident.reported': IncidentReported;
  'incident.updated': FieldChanges<IncidentFields>;
  /** severity null: the override was removed. */
  'incident.severity_overridden': { severity: Severity; reason: string } | { severity: null; reason: null };
  'note.added': { body: string };
  'decision.recorded': DecisionRecorded;
  'incident.transitioned': { from: IncidentStatus; to: IncidentStatus; reason: string | null; at: string };
  'milestone.recorded': { milestone: Milestone; at: string };
  'determination.recorded': { name: string; reason: string; at: string };
  'evidence.added': {
    evidenceId: string;
    name: string;
    contentType: string;
    size: number;
    sha256: string;
    source: string;
    collectedBy: string;
    collectedAt: string;
  };
  /** A person recorded a step in the chain of custody of one of the incident's evidence items. */
  'evidence.custody_recorded': {
    evidenceId: string;
    name: string;
    action: RecordedCustodyAction;
    to: string | null;
    location: string | null;
    note: string;
    /** The step's place in the item's custody stream. */
    custodySeq: number;
  };
  /** A person had the stored bytes of an evidence item hashed again; ok false: they are not the bytes collected. */
  'evidence.verified': {
    evidenceId: string;
    name: string;
    ok: boolean;
    expected: string;
    /** null: the stored file is missing. */
    actual: string | null;
  };
  /** A triage item joined to the incident: what it was, by its figures. */
  'triage.attached': { itemId: string; kind: TriageKind; title: string; alerts: number; occurrences: number };
  'access.granted': { userId: string; userName: string; breakGlass: boolean };
  'access.revoked': { userId: string; userName: string };
  /** A user given a CSIRT role on the incident; previous: who held it (userId null: a name typed on the incident). */
  'role.assigned': { role: IncidentRole; userId: string; userName: string; previous: RoleHolderNamed | null };
  /** Nobody holds the role on the incident any more (userId null: it was a name typed on the incident). */
  'role.removed': { role: IncidentRole } & RoleHolderNamed;
  'notification.prepared': NotificationRequested;
  'notification.requested': NotificationRequested;
  'notification.attempted': OfNotification & Pick<DeliveryAttempt, keyof DeliveryAttempt>;
  'notification.escalated': OfNotification & { from: PaceLevelName; to: PaceLevelName; reason: string };
  'notification.skipped': OfNotification & { level: PaceLevelName; reason: string };
  /**
   * from: the level it was on (null: it had not started). delivered: a level had taken the message (its delivery was
   * accepted), so it ran out because nobody acknowledged it, not because nobody could be sent it; absent on events
   * recorded before it was kept.
   */
  'notification.exhausted': OfNotification & { from: PaceLevelName | null; reason: string; delivered?: boolean };
  'notification.task_created': OfNotification & { level: PaceLevelName; instruction: string };
  'notification.acknowledged': OfNotification & {
    level: PaceLevelName | null;
    /** Who has it, as they or the person recording it named them. */
    by: string;
    via: 'link' | 'manual';
    note: string;
    /** For whom (the ladder step's contact), the ladder's purpose and whether a person did the step: events
     * recorded before these fields existed lack them. */
    recipient?: string | null;
    purpose?: PacePurpose;
    byHand?: boolean;
  };
  'instruction.answered': OfNotification & { stepRef: string | null } & Pick<InstructionAnswer, keyof InstructionAnswer>;
  'communication.level_set': { from: PaceLevelName; level: PaceLevelName; reason: string };
  'channel.compromised': { channelId: string; channel: string; scope: 'incident' | 'customer'; reason: string };
  'obligation.submitted': StageRef & {
    at: string;
    reference: string;
    via: 'manual' | 'notification';
    /** Absent on submissions recorded before these were kept. */
    notificationId?: string | null;
    note?: string;
  };
  'obligation.waived': StageRef & { reason: string; at: string };
  'deadline.missed': StageRef & { obligation: string; stage: string; dueAt: string };
  'step.completed': {
    stepRef: string;
    title: string;
    /** Why it was done without the customer's instruction it needed (absent on older steps: none). */
    override?: string | null;
    blockedBy?: string;
    forReview?: true;
  };
  /** Effects assessment answers given or changed (each whole), with what they were before (null: unanswered). */
  'effects.assessed': FieldChanges<Record<EffectQuestionId, EffectAnswerValue>>;
  /** The customer was asked, in the notification, to check these connections through a single-use link. */
  'connection_check.requested': { checkId: string; notificationId: string; connections: ConnectionToCheck[]; expiresAt: string };
  /** The customer answered through the link (the actor): each connection's status and note. */
  'connection_check.answered': {
    checkId: string;
    notificationId: string;
    /** The name they typed; null when they gave none. */
    by: string | null;
    answers: {
      connectionId: string;
      serviceName: string;
      target: string;
      status: CheckAnswerStatus;
      note: string;
    }[];
  };
  /** The customer was asked, in the notification, to preserve these items and confirm each through a link. */
  'preservation.requested': {
    requestId: string;
    notificationId: string;
    items: string[];
    /** YYYY-MM-DD, or null. */
    keepUntil: string | null;
    expiresAt: string;
  };
  /** The customer answered items through the link (the actor); a later answer to an item replaces the earlier one. */
  'preservation.answered': {
    requestId: string;
    notificationId: string;
    /** The name they typed; null when they gave none. */
    by: string | null;
    answers: {
      itemId: string;
      item: string;
      status: PreserveAnswerStatus;
      location: string;
      note: string;
      /** It replaces an earlier answer to the same item. */
      changed: boolean;
    }[];
  };
  /** A playbook's steps became tasks (each one a task.created that follows). */
  'tasks.applied': { playbookId: string; playbookName: string; version: number; taskIds: string[] };
  'task.created': TaskCreated;
  /** override/blockedBy/forReview: marked done without the customer's instruction it needed, and why. */
  'task.changed': OfTask &
    FieldChanges<TaskFields> & {
      override?: string;
      blockedBy?: string;
      forReview?: true;
    };
  /** The task fell due: its assignee was told (notificationId), or nobody was assigned to tell (null). */
  'task.reminded': OfTask & {
    dueAt: string;
    assigneeId: string | null;
    assigneeName: string | null;
    notificationId: string | null;
  };
  /**
   * An indicator seen in the incident, with its tags, TLP and description as they are after this event; again: it
   * was already there and was seen once more (its tags merged). seenAt: when it was seen, which may be before now.
   */
  'observable.added': OfObservable & ObservableFields & { seenAt: string; again: boolean };
  'observable.changed': OfObservable & FieldChanges<ObservableFields>;
  'observable.removed': OfObservable;
  /**
   * The incident report was exported, signed: the SHA-256 of the signed file, the key that signed it, and the
   * timeline it shows (up to seq, whose hash is timelineHead: the events before this one).
   */
  'report.exported': {
    format: 'html' | 'pdf' | 'json';
    sha256: string;
    size: number;
    keyId: string;
    timelineSeq: number;
    timelineHead: string;
  };
  /** Entering `reviewing` opened the review; required: the incident may not close without it completed or waived. */
  'review.opened': { required: boolean };
  'review.updated': FieldChanges<ReviewFields>;
  /** The review was completed: its findings are frozen as they were at this time. */
  'review.completed': { at: string };
  /** The incident may close without a completed review, for this reason. */
  'review.waived': { reason: string };
  'action.created': OfAction & Omit<ActionFields, 'title' | 'status'>;
  'action.changed': OfAction & FieldChanges<ActionFields>;
  /** Someone acted on the action's target: a draft of it was opened (recordId: the playbook copy worked on). */
  'action.drafted': OfAction & { target: ActionTarget; recordId: string | null };
  /** The customer's plan was published with the action's change: the action is done. */
  'action.completed': OfAction & { planVersionId: string; version: number; customerId: string };
  /** The action fell due and its owner was told, once. */
  'action.reminded': OfAction & { ownerId: string | null; dueAt: string };
}
