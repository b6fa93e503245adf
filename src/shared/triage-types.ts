import type { TriageItemAllowed } from './allowed.ts';
import type { Severity } from './incident-vocabulary.ts';

// The shapes of the identify API (alerts, grouping rules, silences, the triage queue), shared by server and web.

export const ALERT_STATUSES = ['firing', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const TRIAGE_KINDS = ['alerts', 'email', 'form'] as const;
export type TriageKind = (typeof TRIAGE_KINDS)[number];

export const TRIAGE_STATUSES = ['triage', 'incident', 'dismissed'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

export const RULE_ACTIONS = ['triage', 'open', 'attach'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

/** A monitoring system that posts alerts for one customer with its own token. */
export interface AlertSource {
  id: string;
  name: string;
  customerId: string;
  serviceId: string | null;
  /** Labels a fingerprint is computed from when an alert brings none; empty means all labels. */
  fingerprintLabels: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** One alert as the generic API takes it (POST /api/v1/alerts). */
export interface AlertInput {
  source?: string;
  fingerprint?: string;
  title: string;
  severity?: Severity;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  status: AlertStatus;
}

/** A de-duplicated alert. */
export interface Alert {
  fingerprint: string;
  customerId: string;
  sourceId: string;
  serviceId: string | null;
  title: string;
  severity: Severity | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  status: AlertStatus;
  /** How many times it was sent as firing. */
  count: number;
  firstSeen: string;
  lastSeen: string;
  startsAt: string | null;
  endsAt: string | null;
  resolvedAt: string | null;
  groupId: string | null;
}

/** What an alert POST stored, one entry per distinct fingerprint in the request. */
export interface AlertReceipt {
  fingerprint: string;
  status: AlertStatus;
  count: number;
  /** The group it belongs to; null when a silence kept it out of the queue. */
  groupId: string | null;
  /** A silence kept it from starting or joining a group in this request. */
  silenced: boolean;
}

export interface AlertRuleBody {
  name: string;
  /** null: the rule applies to every customer. */
  customerId: string | null;
  /** Which alerts the rule takes: all conditions must hold; absent conditions hold. */
  match: { severities?: Severity[]; labels?: Record<string, string>; sourceId?: string };
  /** Alerts of the same customer and service with equal values of these labels, within the window, form one group. */
  groupBy: string[];
  windowMinutes: number;
  /** triage: the group waits in the queue; open: an incident is opened; attach: the group joins an open incident. */
  action: RuleAction;
  /** For attach: the incident (id or key); when absent, the customer's most recent open incident. */
  incident: string | null;
}

export interface AlertRule extends AlertRuleBody {
  id: string;
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface AlertSilence {
  id: string;
  customerId: string;
  fingerprint: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  active: boolean;
}

export interface Reporter {
  name?: string;
  email?: string;
  anonymous: boolean;
}

/** An entry in the triage queue: a group of alerts, or a report from e-mail or the public form. */
export interface TriageItem {
  id: string;
  kind: TriageKind;
  customerId: string | null;
  serviceId: string | null;
  sourceId: string | null;
  title: string;
  description: string;
  severity: Severity | null;
  status: TriageStatus;
  /** Distinct alerts in the group, and how many times they were sent as firing in all. */
  alertCount: number;
  occurrences: number;
  /** Alerts of the group still firing. */
  firingCount: number;
  firstSeen: string;
  lastSeen: string;
  incidentId: string | null;
  incidentKey: string | null;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  reporter: Reporter | null;
  /** What the signed-in user may do with it (docs/api.md#allowed). */
  allowed: TriageItemAllowed;
}

export interface TriageMessage {
  id: string;
  author: Reporter;
  body: string;
  receivedAt: string;
}

export interface EvidenceItem {
  id: string;
  incidentId: string | null;
  triageItemId: string | null;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  source: string;
  collectedBy: string;
  collectedAt: string;
  description: string;
  /** The content type the sender gave; never trusted (contentType is what the bytes are). */
  claimedContentType: string | null;
  /** Steps in the item's chain of custody. */
  custodyCount: number;
  /** The last re-hash of the stored bytes; null: never verified. */
  lastVerification: { at: string; ok: boolean } | null;
}

/** A triage item's own facts, before the API adds what the reader may do. */
export type TriageItemFacts = Omit<TriageItem, 'allowed'>;

export interface TriageItemDetail {
  item: TriageItem;
  alerts: Alert[];
  messages: TriageMessage[];
  evidence: EvidenceItem[];
}
