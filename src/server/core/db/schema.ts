import type { Generated } from 'kysely';
import type {
  AlertRulesTable,
  AlertSilencesTable,
  AlertSourcesTable,
  AlertsTable,
  TriageItemsTable,
  TriageMessagesTable,
} from './alerts-schema.ts';
import type { ConnectionChecksTable } from './connection-checks-schema.ts';
import type { IncidentMetricsTable } from './metrics-schema.ts';
import type { ObservablesTable } from './observables-schema.ts';
import type {
  ApiTokensTable,
  InvitationsTable,
  LoginThrottleTable,
  SessionsTable,
  SetupTokensTable,
  UsersTable,
} from './people-schema.ts';
import type { PreservationRequestsTable } from './preservation-schema.ts';
import type { ReviewActionsTable, ReviewsTable } from './review-schema.ts';
import type { TasksTable } from './task-schema.ts';

// Row shapes as stored. Times are RFC 3339 UTC text and booleans 0/1 on both dialects,
// so that one set of queries serves SQLite and PostgreSQL alike.

export interface CountersTable {
  name: string;
  value: number;
}

export interface IncidentsTable {
  id: string;
  key: string;
  title: string;
  description: string;
  status: string;
  severity: string | null;
  tlp: string;
  exercise: number;
  customer_id: string | null;
  reported_at: string;
  updated_at: string;
  version: number;
  head_hash: string;
  /** The full domain state (IncidentState) as JSON; the columns above are copies for querying. */
  state: string;
  /** Sort keys of the list: 0 unassessed, 1 low … 4 critical; the status's place in the lifecycle. */
  severity_rank: number;
  status_rank: number;
}

/**
 * The incident search index (migration 0020, decision 0019), kept by triggers on `incidents`. SQLite: an integer per
 * incident and an FTS5 trigram table whose rowid is that integer. PostgreSQL: the searchable text with a pg_trgm
 * GIN index. Only the search queries read them; nothing writes them but the triggers.
 */
export interface IncidentSearchRowsTable {
  n: Generated<number>;
  incident_id: string;
}
export interface IncidentSearchFtsTable {
  rowid: number;
  title: string;
  description: string;
  key: string;
}
export interface IncidentSearchTable {
  incident_id: string;
  /** Title, description and key, a newline between each, lower-cased. */
  text: string;
  /** Copies of the incident's columns of the same names (migration 0021), for the list's filters and order. */
  customer_id: string | null;
  tlp: string;
  status: string;
  severity: string | null;
  exercise: number;
  reported_at: string;
}

/** Who holds which role on an incident (a projection of its assignments), for the list's "Mine" filter. */
export interface IncidentRolesTable {
  incident_id: string;
  role: string;
  /** A user's id, or the free text an assignment may hold instead. */
  holder: string;
}

export interface EventsTable {
  position: Generated<number>;
  stream_id: string;
  seq: number;
  type: string;
  actor: string;
  occurred_at: string;
  recorded_at: string;
  data: string;
  prev_hash: string;
  hash: string;
  stream_type: Generated<string>;
  customer_id: string | null;
  /**
   * PostgreSQL only (migration 0019): the writing transaction's id (xid8, as text), raised to the stream's previous
   * event's when lower; the live feed's order. Not on SQLite, whose one writer commits positions in order.
   */
  xact_id?: Generated<string>;
}

/** A registry object (customer, service, contact, roster, PACE plan, obligation choice, playbook): its current state. */
export interface RecordsTable {
  id: string;
  kind: string;
  customer_id: string | null;
  version: number;
  head_hash: string;
  /** The object as JSON, without the meta fields above. */
  data: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface MembershipsTable {
  user_id: string;
  customer_id: string;
  role: string;
  created_at: string;
}

export interface PlanVersionsTable {
  id: string;
  customer_id: string;
  version: number;
  owner: string;
  approver: string;
  published_at: string;
  published_by: string;
  review_by: string;
  sha256: string;
  snapshot: string;
  /** JSON PlanVersionSource[]: the reviews whose actions this version completed; null: none. */
  from_reviews?: string | null;
}

/** A durable job: work to do after a commit (a delivery, a timer), leased by one worker at a time. */
export interface JobsTable {
  id: string;
  name: string;
  payload: string;
  /** pending (waiting for run_at), running (leased until lease_until), done, dead (gave up: a dead letter). */
  status: string;
  run_at: string;
  attempts: number;
  max_attempts: number;
  lease_until: string | null;
  leased_by: string | null;
  last_error: string | null;
  /** At most one job per key: enqueueing the same work twice is a no-op. */
  unique_key: string | null;
  created_at: string;
  finished_at: string | null;
}

/** Instance-wide values, e.g. the key that signs acknowledgement links. */
export interface SettingsTable {
  name: string;
  value: string;
}

/** A message to one PACE ladder (or one channel, for channel tests), walking its levels until acknowledged. */
export interface NotificationsTable {
  id: string;
  /** null for a channel test. */
  incident_id: string | null;
  customer_id: string | null;
  purpose: string;
  /** message, instruction (asks the customer for an instruction), reminder, test. */
  kind: string;
  /** draft, delivering, delivered, awaiting-person, acknowledged, answered, exhausted. */
  status: string;
  /** Index into ladder of the level being tried now. */
  level: number;
  /** JSON: the resolved levels (LadderStep[]) at the time of sending. */
  ladder: string;
  subject: string;
  body: string;
  /** JSON: every delivery attempt (DeliveryAttempt[]). */
  attempts: string;
  /** "obligationId/stageId" when sending this is the submission of an obligation stage. */
  obligation_ref: string | null;
  /** The playbook step an instruction request is about: "playbookSlug/stepId". */
  step_ref: string | null;
  /** JSON: the customer's answer to an instruction request. */
  response: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

/** A channel nobody should use any more: for one incident, or (incident_id null) for the whole customer. */
export interface CompromisedChannelsTable {
  id: string;
  channel_id: string;
  /** The channel as people name it, at the time it was declared. */
  channel: string;
  customer_id: string | null;
  incident_id: string | null;
  reason: string;
  declared_by: string;
  declared_at: string;
}

/** One stage of one obligation on one incident: its clock, as last evaluated (the deadline dashboard). */
export interface DeadlinesTable {
  incident_id: string;
  obligation_id: string;
  stage_id: string;
  customer_id: string | null;
  incident_key: string;
  incident_title: string;
  obligation_name: string;
  stage_name: string;
  recipient: string;
  /** waiting, running, overdue, met, met-late, waived, not-applicable. */
  status: string;
  started_at: string | null;
  due_at: string | null;
  submitted_at: string | null;
  missed_at: string | null;
  updated_at: string;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  invitations: InvitationsTable;
  setup_tokens: SetupTokensTable;
  login_throttle: LoginThrottleTable;
  counters: CountersTable;
  incidents: IncidentsTable;
  incident_search_rows: IncidentSearchRowsTable;
  incident_search_fts: IncidentSearchFtsTable;
  incident_search: IncidentSearchTable;
  incident_roles: IncidentRolesTable;
  events: EventsTable;
  records: RecordsTable;
  memberships: MembershipsTable;
  plan_versions: PlanVersionsTable;
  settings: SettingsTable;
  notifications: NotificationsTable;
  compromised_channels: CompromisedChannelsTable;
  deadlines: DeadlinesTable;
  jobs: JobsTable;
  alert_sources: AlertSourcesTable;
  alert_rules: AlertRulesTable;
  triage_items: TriageItemsTable;
  alerts: AlertsTable;
  alert_silences: AlertSilencesTable;
  triage_messages: TriageMessagesTable;
  evidence_blobs: EvidenceBlobsTable;
  evidence: EvidenceTable;
  incident_access: IncidentAccessTable;
  connection_checks: ConnectionChecksTable;
  tasks: TasksTable;
  observables: ObservablesTable;
  preservation_requests: PreservationRequestsTable;
  reviews: ReviewsTable;
  review_actions: ReviewActionsTable;
  incident_metrics: IncidentMetricsTable;
}

export interface EvidenceBlobsTable {
  sha256: string;
  size: number;
  bytes: Uint8Array;
}

/** An evidence item: a file with its SHA-256, where it came from, who collected it and when. */
export interface EvidenceTable {
  id: string;
  incident_id: string | null;
  /** Set while the evidence belongs to a report still in triage. */
  triage_item_id: string | null;
  customer_id: string | null;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  /** e.g. "email from jane@example.org", "public report form", "upload". */
  source: string;
  collected_by: string;
  collected_at: string;
  /** 'file': in EVIDENCE_DIR by its SHA-256; 'blob': stored before 0014, in evidence_blobs. */
  storage: 'file' | 'blob';
  description: string;
  /** The content type the sender gave; content_type is what Muster found in the bytes. */
  claimed_content_type: string | null;
  /** The head of the item's custody stream (stream id = id). */
  custody_version: number;
  custody_head: string | null;
  /** The last re-hash of the bytes, and whether they were still the ones collected (1) or not (0). */
  verified_at: string | null;
  verified_ok: number | null;
}

/** Who may read a TLP:RED incident (need-to-know): a projection of the incident's timeline. */
export interface IncidentAccessTable {
  incident_id: string;
  user_id: string;
  /** The name when added, as the timeline recorded it. */
  user_name: string;
  /** reporter, set-red, assigned, added or break-glass. */
  reason: string;
  added_by_id: string;
  added_by_name: string;
  added_at: string;
}
