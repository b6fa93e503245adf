// The table of the customer's preservation requests (see schema.ts for the conventions of every row shape).

/**
 * One request to the customer to preserve what only they hold, and their latest answer per item. Every answer is
 * also a step on the request's custody stream (stream id = the request's id), which is the record; this is its view.
 */
export interface PreservationRequestsTable {
  id: string;
  incident_id: string;
  customer_id: string;
  /** The notify-customer notification that carried the list and the link. */
  notification_id: string;
  /** JSON PreservationItem[] (src/shared/preservation-types.ts): the list as sent. */
  items: string;
  /** The words of our own the message opened with ('' for the standard text). */
  message: string;
  /** YYYY-MM-DD, or null. */
  keep_until: string | null;
  /** JSON { [itemId]: PreservationAnswer }: the latest answer per item ('{}' before any). */
  answers: string;
  /** SHA-256 (hex) of the link's token; the token itself is only in the message. */
  token_hash: string;
  expires_at: string;
  /** The latest answer's time; null before any. */
  answered_at: string | null;
  created_by: string;
  created_at: string;
}
