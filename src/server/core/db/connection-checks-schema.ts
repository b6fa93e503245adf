// The table of the customer's connection checks (see schema.ts for the conventions of every row shape).

/** One request to the customer to check connections, and their answers once they used the single-use link. */
export interface ConnectionChecksTable {
  id: string;
  incident_id: string;
  customer_id: string;
  /** The notify-customer notification that carried the list and the link. */
  notification_id: string;
  /** JSON ConnectionToCheck[] (src/shared/connection-check-types.ts): the list as sent. */
  connections: string;
  /** JSON { [connectionId]: ConnectionCheckAnswer }; null until answered. */
  answers: string | null;
  /** SHA-256 (hex) of the link's token; the token itself is only in the message. */
  token_hash: string;
  expires_at: string;
  /** Set by the first answer: the link works once. */
  answered_at: string | null;
  answered_by: string | null;
  created_by: string;
  created_at: string;
}
