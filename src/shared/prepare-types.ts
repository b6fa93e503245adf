import type { IncidentRole, Origin, Severity } from './incident-vocabulary.ts';

// The Prepare domain as the API shows it (docs/api.md): customers, services and their connections, contacts
// and channels, CSIRT rosters, reporting obligations, PACE plans, playbooks and published contingency plans.
// Shared by the server and the web UI: values and shapes only, no logic.

export const MEMBERSHIP_ROLES = ['manager', 'responder', 'viewer'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const ENVIRONMENTS = ['production', 'staging', 'test', 'development'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const CONNECTION_DIRECTIONS = ['outbound', 'inbound', 'both'] as const;
export type ConnectionDirection = (typeof CONNECTION_DIRECTIONS)[number];

export const CHANNEL_TYPES = ['email', 'sms', 'voice', 'slack', 'teams', 'mattermost', 'webhook', 'manual'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const PACE_PURPOSES = [
  'notify-customer',
  'coordinate-responders',
  'notify-authority',
  'inform-management',
  'notify-data-subjects',
] as const;
export type PacePurpose = (typeof PACE_PURPOSES)[number];
export const PACE_PURPOSE_LABELS: Record<PacePurpose, string> = {
  'notify-customer': 'Notify the customer',
  'coordinate-responders': 'Coordinate responders',
  'notify-authority': 'Notify an authority',
  'inform-management': 'Inform management',
  'notify-data-subjects': 'Notify data subjects',
};

export const PACE_LEVELS = ['primary', 'alternate', 'contingency', 'emergency'] as const;
export type PaceLevelName = (typeof PACE_LEVELS)[number];

/** Fields every registry object carries. version counts its changes; each change is an event on its own stream. */
export interface RecordMeta {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * When the first report to the customer goes out by itself, up the notify-customer ladder: when a suspected attack is
 * reported (and, for any other incident that gets one, at DP1), when the incident is confirmed at DP1, or never (it is
 * prepared as a draft at DP1 for a person to send).
 */
export const FIRST_REPORT_SETTINGS = ['on-report', 'at-dp1', 'by-hand'] as const;
export type FirstReportSetting = (typeof FIRST_REPORT_SETTINGS)[number];
/** Customers (and published plans) from before the setting existed: a draft at DP1, as it always was. */
export const DEFAULT_FIRST_REPORT: FirstReportSetting = 'by-hand';
export const FIRST_REPORT_LABELS: Record<FirstReportSetting, string> = {
  'on-report': 'When a suspected attack is reported',
  'at-dp1': 'When it is confirmed as an incident (DP1)',
  'by-hand': 'Only by hand — prepared as a draft',
};

export interface Customer extends RecordMeta {
  name: string;
  /** Short code shown in lists and on printed plans, e.g. "ACME". */
  code: string;
  description: string;
  /** IANA zone of the customer's contact points, e.g. "Europe/Oslo". */
  timeZone: string;
  /** When the first report to the customer goes by itself; absent on records from before: DEFAULT_FIRST_REPORT. */
  firstReport?: FirstReportSetting;
  /** Severities whose incidents need a completed review (or a waiver) to close; absent: DEFAULT_REVIEW_SEVERITIES. */
  reviewSeverities?: Severity[];
}

export interface Connection {
  id: string;
  /** The other system: "ACME payroll (SAP)", "db01.acme.internal". */
  target: string;
  direction: ConnectionDirection;
  /** "HTTPS/443", "SSH/22", "SFTP". */
  protocol: string;
  /** The account, key or certificate used on this connection. */
  account: string;
  purpose: string;
}

export interface Service extends RecordMeta {
  customerId: string;
  name: string;
  description: string;
  criticality: Criticality;
  personalData: boolean;
  environment: Environment;
  /** Who answers for the service: a name or a function. */
  owner: string;
  connections: Connection[];
}

export interface Channel {
  id: string;
  type: ChannelType;
  /** E-mail address, phone number, webhook URL, or for manual channels the instruction ("Signal group 'ACME IR'"). */
  address: string;
  label: string;
  verified: boolean;
  /** When a test message on this channel was last acknowledged ("Test this channel"). */
  lastTestedAt: string | null;
  /** Seconds from sending that test to its acknowledgement. */
  lastAckSeconds?: number | null;
  /** May carry TLP:RED content (an encrypted or otherwise need-to-know channel); others get "log in to read". */
  clearedForRed?: boolean;
}

export interface Contact extends RecordMeta {
  /** null: a contact of our own organisation, shared by every customer's plan (authorities, our team). */
  customerId: string | null;
  kind: 'person' | 'function';
  name: string;
  organisation: string;
  /** "Customer contact point", "DPO", "Supervisory authority"… */
  role: string;
  timeZone: string;
  /** "Mon–Fri 08:00–16:00"; empty means around the clock. */
  workingHours: string;
  channels: Channel[];
  notes: string;
}

export interface RosterEntry {
  role: IncidentRole;
  /** Contact ids (people): the first is the holder, the rest deputies in order. */
  people: string[];
}

export interface Roster extends RecordMeta {
  /** null: the default roster, used for customers without their own. */
  customerId: string | null;
  entries: RosterEntry[];
}

export interface MoveOnRule {
  /** Move to the next level when nobody acknowledges within this many minutes; null: never by time. */
  noAckMinutes: number | null;
  onDeliveryFailure: boolean;
  onChannelCompromised: boolean;
}

export interface PaceLevel {
  level: PaceLevelName;
  contactId: string | null;
  channelId: string | null;
  /** For manual levels: what a person must do ("call the duty phone", "go to the muster point"). */
  instruction: string;
  moveOn: MoveOnRule;
  note: string;
}

export interface PaceWarning {
  level: PaceLevelName | null;
  code: 'missing-level' | 'shared-infrastructure' | 'untested-channel' | 'stale-test' | 'unknown-channel';
  message: string;
}

export interface PacePlan extends RecordMeta {
  /** null: the default ladder for this purpose. */
  customerId: string | null;
  purpose: PacePurpose;
  levels: PaceLevel[];
  /** Computed on read from the current contacts. */
  warnings: PaceWarning[];
}

export type ObligationCondition =
  | { field: 'personalData'; equals: boolean }
  | { field: 'severity'; atLeast: Severity }
  | { field: 'category'; in: string[] }
  | { field: 'origin'; in: Origin[] }
  | { field: 'serviceCriticality'; atLeast: Criticality }
  | { field: 'determination'; made: string };

export type ObligationDuration = { minutes?: number; hours?: number; days?: number; months?: number };

export interface ObligationDefinition {
  id: string;
  name: string;
  source: { citation: string; url?: string };
  recipient: string;
  trigger: ObligationCondition[];
  stages: {
    id: string;
    name: string;
    deadlines: { from: string; after: ObligationDuration }[];
    wording?: string;
  }[];
  pacePurpose: PacePurpose;
  requiredContent: string[];
}

/** A customer's choice about one obligation: a library entry switched on, or a rule of its own. */
export interface CustomerObligation extends RecordMeta {
  customerId: string;
  /** The library entry this switches on; null for the customer's own rule. */
  libraryId: string | null;
  enabled: boolean;
  /** Who receives the submission; null until chosen. */
  recipientContactId: string | null;
  /** The rule itself: the library's text for library entries, the customer's own otherwise. */
  definition: ObligationDefinition;
}

/** The clocks a step's due time can run from: awareness, DP1 (confirmed as an incident) and DP2 (classified). */
export const STEP_DUE_FROM = ['aware', 'dp1', 'dp2'] as const;
export type StepDueFrom = (typeof STEP_DUE_FROM)[number];

/** When a step's task falls due: this long after one of the incident's clocks started. */
export interface StepDue {
  from: StepDueFrom;
  after: { minutes?: number; hours?: number; days?: number };
}

export interface PlaybookStep {
  id: string;
  phase: 'contain' | 'investigate' | 'resolve' | 'recover' | 'communicate';
  title: string;
  detail: string;
  role: IncidentRole;
  needsCustomerInstruction: boolean;
  record: string[];
  /** When its task falls due once the playbook is applied; absent or null: no due time. */
  due?: StepDue | null;
}

export interface Playbook extends RecordMeta {
  /** null: the organisation's playbook; otherwise a customer's own copy. */
  customerId: string | null;
  /** The library or organisation playbook this was copied from. */
  basedOn: string | null;
  /** Stable name-like id, e.g. "ransomware". */
  slug: string;
  name: string;
  summary: string;
  categories: string[];
  steps: PlaybookStep[];
  /** What to ask the customer to preserve (logs, images, mailboxes…); absent on older playbooks: nothing listed. */
  preserve?: string[];
}

export interface Membership {
  userId: string;
  customerId: string;
  role: MembershipRole;
  userName: string;
  userEmail: string;
}

/** What a published contingency plan freezes. */
export interface PlanSnapshot {
  customer: Customer;
  services: Service[];
  contacts: Contact[];
  roster: Roster | null;
  obligations: CustomerObligation[];
  pacePlans: PacePlan[];
  playbooks: Playbook[];
}

export interface PlanVersionSummary {
  id: string;
  customerId: string;
  version: number;
  owner: string;
  approver: string;
  publishedAt: string;
  publishedBy: string;
  reviewBy: string;
  /** SHA-256 of the canonical JSON of the snapshot. */
  sha256: string;
  /** The review date has passed and no newer version exists. */
  reviewOverdue: boolean;
  /** The reviews whose actions this version completed (docs/reviews.md#actions); empty: none. */
  fromReviews: PlanVersionSource[];
}

export interface PlanVersion extends PlanVersionSummary {
  snapshot: PlanSnapshot;
}

/** The clock of one stage of an obligation on an incident. A clock that started late shows how much is gone. */
export interface StageClock {
  stageId: string;
  name: string;
  /** When the earliest started deadline falls; null while no clock of this stage has started. */
  dueAt: string | null;
  startedAt: string | null;
  submittedAt: string | null;
  status: 'waiting' | 'running' | 'overdue' | 'met' | 'met-late' | 'waived';
  wording?: string;
  waivedReason?: string;
}

export interface ObligationVerdict {
  obligationId: string;
  applies: boolean;
  stages: StageClock[];
}

/** GET /incidents/:id/plan: what the incident's contingency plan says for it right now. */
export interface IncidentPlan {
  /** The published version the incident links; null when the customer has none yet (then `draft` is true). */
  plan: PlanVersionSummary | null;
  draft: boolean;
  contacts: Contact[];
  pacePlans: PacePlan[];
  roster: Roster | null;
  /** Every switched-on obligation with its verdict for the incident as it is now; applying ones first. */
  obligations: (ObligationVerdict & { obligation: CustomerObligation })[];
  playbooks: Playbook[];
  /** "Check these": the affected services' connections to other systems, for the customer's IT. */
  checkList: { serviceId: string; serviceName: string; criticality: Criticality; connections: Connection[] }[];
}

/** A plan version that came from reviews: the reviews' incidents and the actions it completed. */
export interface PlanVersionSource {
  incidentId: string;
  incidentKey: string;
  actionIds: string[];
}
