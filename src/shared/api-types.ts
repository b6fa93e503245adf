import type { IncidentAllowed } from './allowed.ts';
import type { Impact, IncidentRole, IncidentSource, IncidentStatus, Origin, Severity, Tlp } from './incident-vocabulary.ts';
import type { IncidentEvent } from './timeline-events.ts';

/** Shapes of the HTTP API (docs/api.md), shared by the server and the web UI. Types only. */

/** The `code` of an API error (`{error: {code, message, field?}}`). */
export type ErrorCode =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable';

export interface AllowedTransition {
  to: IncidentStatus;
  reasonRequired: boolean;
  decision: 'DP1' | 'DP2' | null;
  blockedBy: string | null;
  /** On the move to closed: the obligation clocks still open, each to be met or waived with a reason first. */
  openClocks?: OpenClock[];
}

/** A stage of an obligation that applies to the incident, neither met nor waived: it keeps the incident open. */
export interface OpenClock {
  obligationId: string;
  stageId: string;
  /** The obligation's and the stage's names, e.g. "GDPR: notify the supervisory authority…" and "Notification". */
  obligation: string;
  stage: string;
  /** waiting: its clock has not started yet (e.g. a final report that runs from an earlier submission). */
  status: 'waiting' | 'running' | 'overdue';
  dueAt: string | null;
}

export interface IncidentTimes {
  occurredAt: string | null;
  detectedAt: string | null;
  awareAt: string | null;
  reportedAt: string;
  /** DP1: when it was first confirmed as an incident (moved to assessing). Absent on states stored before it was kept and never confirmed. */
  confirmedAt?: string | null;
  classifiedAt: string | null;
  containedAt: string | null;
  eradicatedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
}

export interface SeverityOverride {
  severity: Severity;
  reason: string;
}

export interface Incident {
  id: string;
  key: string;
  title: string;
  description: string;
  status: IncidentStatus;
  category: string | null;
  origin: Origin;
  impact: Impact | null;
  severity: Severity | null;
  derivedSeverity: Severity | null;
  severityOverride: SeverityOverride | null;
  tlp: Tlp;
  exercise: boolean;
  personalData: boolean | null;
  source: IncidentSource;
  customerId: string | null;
  /** The customer's services this incident affects. */
  serviceIds: string[];
  /** The customer's contingency plan version in force when the incident was opened (or moved to the customer). */
  planVersionId: string | null;
  /** Named determinations (e.g. "major", "significant") and when they were made: they start obligation clocks. */
  determinations: Record<string, string>;
  assignments: Partial<Record<IncidentRole, string>>;
  /** Obligation stages ("obligationId/stageId") met by a recorded submission. */
  submissions: Record<string, Submission>;
  /** Obligation stages waived, with the reason. */
  waivers: Record<string, Waiver>;
  /** Playbook steps done ("playbookSlug/stepId"); an override of a missing customer instruction is flagged for the review. */
  steps: Record<string, StepCompletion>;
  /** The PACE level the team moved this incident's communication to; null: start at primary. */
  communicationLevel: 'primary' | 'alternate' | 'contingency' | 'emergency' | null;
  times: IncidentTimes;
  version: number;
  allowedTransitions: AllowedTransition[];
  /** What the signed-in user may do with it (docs/api.md#allowed). */
  allowed: IncidentAllowed;
  createdAt: string;
  updatedAt: string;
}

/** Proof that an obligation stage was met: a sent notification, or a manual record with its reference. */
export interface Submission {
  at: string;
  reference: string;
  via: 'notification' | 'manual';
  notificationId: string | null;
  note: string;
}

export interface StepCompletion {
  at: string;
  by: string;
  /** Done without the customer's instruction it needed: why. Flagged for the review. */
  override: string | null;
}

export interface Waiver {
  at: string;
  reason: string;
  /** Who waived it (absent on waivers recorded before this was kept). */
  by?: string;
}

export interface IncidentPage {
  items: Incident[];
  /** The page after this one; null on the last. */
  nextCursor: string | null;
  /** The page before this one; null on the first. */
  prevCursor: string | null;
  /** Incidents matching, counted up to 1,000 (LIST_COUNT_CAP); totalExact is false when there are more. */
  total: number;
  totalExact: boolean;
}

export interface Actor {
  id: string;
  name: string;
}

/** One event of an incident's timeline: its type and data as timeline-events.ts names them. */
export type TimelineEvent = {
  position: number;
  incidentId: string;
  seq: number;
  actor: Actor | null;
  occurredAt: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
} & IncidentEvent;

export interface Integrity {
  valid: boolean;
  count: number;
  head: string | null;
  firstInvalidSeq?: number;
  /** What is wrong, in words (the event, the stored field or the linked plan or triage item). */
  problem?: string;
}

/** Body of POST /incidents. */
export interface NewIncident {
  title: string;
  description?: string;
  category?: string | null;
  origin?: Origin;
  impact?: Impact | null;
  tlp?: Tlp;
  exercise?: boolean;
  personalData?: boolean | null;
  customerId?: string | null;
  serviceIds?: string[];
  occurredAt?: string | null;
  detectedAt?: string | null;
  awareAt?: string | null;
}

/** Body of PATCH /incidents/:id. */
export interface IncidentChanges extends Partial<Omit<NewIncident, 'title'>> {
  title?: string;
  severityOverride?: SeverityOverride | null;
  expectedVersion?: number;
}

/** Who may read an incident while it is TLP:RED (`GET /incidents/:id/access`). */
export interface IncidentAccessList {
  /** true while the incident is TLP:RED: then only the people listed may read it. */
  needToKnow: boolean;
  users: {
    id: string;
    name: string;
    /** Who put them on the list, by the name on the timeline. */
    addedBy: string;
    addedAt: string;
    reason: 'reporter' | 'set-red' | 'assigned' | 'added' | 'break-glass';
  }[];
}

/** Who holds a CSIRT role for an incident: named on it, or (not yet taken on) the plan roster's holder with an account. */
export interface RoleHolder {
  userId: string;
  name: string;
  via: 'incident' | 'roster';
}

/** The CSIRT roles of an incident (`GET /incidents/:id/roles`), in the roster's order. */
export interface IncidentRoles {
  roles: {
    role: IncidentRole;
    label: string;
    holder: RoleHolder | null;
    /** What the incident names for the role: a user id, or a name typed through PATCH; null: nobody. */
    assigned: string | null;
  }[];
  /** Who may be given a role (active users who may read the incident); empty for one who may not change it. */
  candidates: { id: string; name: string }[];
}
