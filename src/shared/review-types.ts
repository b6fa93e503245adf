import type { Severity } from './incident-vocabulary.ts';
import type { TaskStatus } from './task-types.ts';

// The post-incident review and its actions as the API shows them (docs/reviews.md). Shared by the server and the web
// UI: names and shapes only, no logic.

export const REVIEW_STATUSES = ['open', 'completed', 'waived'] as const;
/** open: being written; completed: done, its findings frozen; waived: the incident may close without one (reason). */
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Severities whose incidents need a completed review (or a waiver) before they close, unless the customer says. */
export const DEFAULT_REVIEW_SEVERITIES: readonly Severity[] = ['medium', 'high', 'critical'];

/** What the team writes in a review (`review.updated` records them changed). */
export interface ReviewFields {
  /** What happened, in the team's words (the findings below are the record's). */
  summary: string;
  wentWell: string;
  wentBadly: string;
  rootCauses: string;
  contributingFactors: string;
  lessons: string;
  /** Who took part, by name. */
  participants: string[];
}

export const EMPTY_REVIEW_FIELDS: ReviewFields = {
  summary: '',
  wentWell: '',
  wentBadly: '',
  rootCauses: '',
  contributingFactors: '',
  lessons: '',
  participants: [],
};

/** A key decision or milestone on the timeline, as the review lists it. */
export interface ReviewTimelineEntry {
  seq: number;
  at: string;
  by: string;
  what: string;
  reason: string | null;
}

/** A task or playbook step recorded done without the customer's instruction it needed. */
export interface ReviewOverride {
  seq: number;
  at: string;
  by: string;
  title: string;
  reason: string;
  /** The task, when the gate was a task's; null for a step recorded done on its own. */
  taskId: string | null;
  stepRef: string | null;
}

/** An obligation clock that was missed (still open, met late or waived after the miss) or met late. */
export interface ReviewClock {
  obligationId: string;
  obligation: string;
  stageId: string;
  stage: string;
  recipient: string;
  /** The clock's status now: overdue, met-late, waived… */
  status: string;
  dueAt: string | null;
  missedAt: string | null;
  submittedAt: string | null;
}

/** A delivery that failed, a ladder that ran out, or a channel declared compromised. */
export interface ReviewChannelProblem {
  seq: number;
  at: string;
  kind: 'failed' | 'exhausted' | 'compromised';
  channel: string | null;
  reason: string | null;
  notificationId: string | null;
}

/** A task that was not done: still open, in progress, blocked, or skipped. */
export interface ReviewTaskLeft {
  taskId: string;
  title: string;
  status: TaskStatus;
  assignee: string | null;
  dueAt: string | null;
}

/** What the record says, worked out for the review: on reading while it is open, frozen when it is completed. */
export interface ReviewFindings {
  /** When they were worked out. */
  asOf: string;
  timeline: ReviewTimelineEntry[];
  overriddenGates: ReviewOverride[];
  missedClocks: ReviewClock[];
  /** From the report to the first report the customer was sent (accepted by a channel or done by hand). */
  firstCustomerReport: { reportedAt: string; sentAt: string | null; notificationId: string | null; minutes: number | null };
  channels: ReviewChannelProblem[];
  tasksLeft: ReviewTaskLeft[];
}

/** The review as `GET /api/v1/incidents/:id/review` answers it. */
export interface Review {
  incidentId: string;
  status: ReviewStatus;
  /** The incident may not close unless it is completed or waived (the customer's review severities, when it opened). */
  required: boolean;
  fields: ReviewFields;
  findings: ReviewFindings;
  waiverReason: string | null;
  /** Increases with every change; send it back as expectedVersion. 0: not stored yet (opened before reviews existed). */
  version: number;
  openedAt: string;
  completedAt: string | null;
  completedBy: string | null;
  updatedAt: string;
  /** change: edit, complete or waive it (the incident is in review and the caller may change the incident). */
  allowed: { change: boolean };
}

export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** Statuses that end an action: never overdue, never reminded. */
export const FINISHED_ACTION_STATUSES: readonly ActionStatus[] = ['done', 'cancelled'];

/**
 * What an action changes, when it changes the plan: a playbook (the customer's own copy, or the organisation's or
 * the library's, which acting on it copies for the customer) or the customer's contingency plan as a whole. It is
 * done when the customer's plan is published with that change.
 */
export type ActionTarget =
  | { type: 'playbook'; customerId: string; playbookId: string; name: string }
  | { type: 'plan'; customerId: string; name: string };

/** What an action change may set (`action.changed` records them changed). */
export interface ActionFields {
  title: string;
  detail: string;
  ownerId: string | null;
  /** The owner's name when given (the timeline reads without a lookup). */
  ownerName: string | null;
  dueAt: string | null;
  status: ActionStatus;
  target: ActionTarget | null;
}

/**
 * An action as the API shows it (`GET /api/v1/actions`, `…/review/actions`). The incident's key, title, customer and
 * exercise flag come with it, so that "My actions" and the dashboard read alone.
 */
export interface ReviewAction extends ActionFields {
  id: string;
  incidentId: string;
  incidentKey: string;
  incidentTitle: string;
  customerId: string | null;
  exercise: boolean;
  /** Past its due time and not done or cancelled. */
  overdue: boolean;
  /** When someone acted on the target (its draft was opened), and the playbook record worked on. */
  draft: { startedAt: string; recordId: string | null } | null;
  /** The plan version whose publication completed it. */
  planVersionId: string | null;
  doneAt: string | null;
  /** When the owner was told it fell due. */
  remindedAt: string | null;
  /** Increases with every change; send it back as expectedVersion. */
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** What the caller may do: change it (edit, act on its target). */
  allowed: { change: boolean };
}

/** `GET /api/v1/actions` filters: status `open` means still to do (open or in progress); owner `me` is the caller. */
export const ACTION_LIST_STATUSES = ['open', 'in-progress', 'done', 'cancelled', 'all'] as const;
export type ActionListStatus = (typeof ACTION_LIST_STATUSES)[number];
