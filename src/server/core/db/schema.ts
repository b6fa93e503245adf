import type { Generated } from 'kysely';

// Row shapes as stored. Times are RFC 3339 UTC text and booleans 0/1 on both dialects,
// so that one set of queries serves SQLite and PostgreSQL alike.

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  label: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: string;
  expires_at: string;
}

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

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  setup_tokens: SetupTokensTable;
  counters: CountersTable;
  incidents: IncidentsTable;
  events: EventsTable;
  records: RecordsTable;
  memberships: MembershipsTable;
  plan_versions: PlanVersionsTable;
  jobs: JobsTable;
}
