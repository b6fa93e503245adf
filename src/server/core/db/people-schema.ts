// The tables of people and their credentials (see schema.ts for the conventions of every row shape).

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  /** The registry contact whose channels reach this person; null: the account's e-mail only. */
  contact_id: string | null;
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
  /** null: never expires. */
  expires_at: string | null;
}

/** A single-use invitation link for one e-mail address; kept after use as the record of who invited whom. */
export interface InvitationsTable {
  id: string;
  token_hash: string;
  email: string;
  role: string;
  customer_id: string | null;
  customer_role: string | null;
  invited_by_id: string;
  invited_by_name: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_user_id: string | null;
  revoked_at: string | null;
  revoked_by_id: string | null;
}

/** At most one row (slot 'first-admin'): issuing a setup token replaces the previous one. */
export interface SetupTokensTable {
  slot: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
}

/**
 * Sign-in attempts per submitted e-mail address, known or not; the key is an HMAC of the normalised address so
 * that the table does not list the addresses people typed. A success deletes the row.
 */
export interface LoginThrottleTable {
  key_hash: string;
  /** Attempts since the last success, forgotten after a quiet hour. */
  failures: number;
  last_attempt_at: string;
  /** No attempt is checked before this time. */
  locked_until: string | null;
}
