// The row shapes of alerts and triage (see schema.ts for the conventions of every row shape).

/** A monitoring system allowed to post alerts for one customer, authenticated by its own token. */
export interface AlertSourcesTable {
  id: string;
  name: string;
  customer_id: string;
  service_id: string | null;
  token_hash: string;
  /** JSON string[]: the labels a fingerprint is computed from when an alert brings none (empty: all labels). */
  fingerprint_labels: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** How alerts are grouped and what happens to a new group; the first matching rule (by position) wins. */
export interface AlertRulesTable {
  id: string;
  name: string;
  customer_id: string | null;
  position: number;
  /** JSON AlertRuleBody (src/shared/triage-types.ts). */
  rule: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** One entry in the triage queue: a group of related alerts, or a report (e-mail, public form) to look at. */
export interface TriageItemsTable {
  id: string;
  /** alerts, email, form. */
  kind: string;
  customer_id: string | null;
  service_id: string | null;
  source_id: string | null;
  rule_id: string | null;
  /** Alerts with the same key within the rule's window join this group. */
  group_key: string | null;
  title: string;
  description: string;
  severity: string | null;
  /** triage, incident, dismissed. */
  status: string;
  alert_count: number;
  occurrences: number;
  first_seen: string;
  last_seen: string;
  incident_id: string | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  /** JSON: who reported it ({ name?, email?, anonymous }). */
  reporter: string | null;
  /** SHA-256 of the receipt key a public reporter uses to add information later. */
  receipt_hash: string | null;
  created_at: string;
  updated_at: string;
  /** The item's stream: how many events it holds and the hash of the last (what verify checks the chain against). */
  version: number;
  head_hash: string;
}

/** A de-duplicated alert: one row per customer and fingerprint, however often it was sent. */
export interface AlertsTable {
  customer_id: string;
  fingerprint: string;
  source_id: string;
  service_id: string | null;
  title: string;
  severity: string | null;
  /** JSON Record<string,string>. */
  labels: string;
  /** JSON Record<string,string>. */
  annotations: string;
  /** firing, resolved. */
  status: string;
  count: number;
  first_seen: string;
  last_seen: string;
  starts_at: string | null;
  ends_at: string | null;
  resolved_at: string | null;
  /** The triage item (group) it belongs to; null while silenced. */
  group_id: string | null;
}

export interface AlertSilencesTable {
  id: string;
  customer_id: string;
  fingerprint: string;
  reason: string;
  created_by: string;
  created_at: string;
  expires_at: string;
}

/** Information added to a report after it was filed (a public reporter's follow-up, a reply by e-mail). */
export interface TriageMessagesTable {
  id: string;
  item_id: string;
  /** JSON: { name?, email?, anonymous }. */
  author: string;
  body: string;
  received_at: string;
}
