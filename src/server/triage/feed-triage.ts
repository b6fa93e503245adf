import { randomUUIDv7 } from 'node:crypto';
import type { Severity } from '../../shared/incident-vocabulary.ts';
import type { Alert, Reporter, RuleAction } from '../../shared/triage-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { EventActor } from '../core/events/event-store.ts';
import { enqueue } from '../core/jobs/jobs.ts';
import {
  countIntoTriageGroup,
  findOpenTriageGroup,
  findTriageItemByReceipt,
  findTriageItemForUpdate,
  insertTriageItem,
  insertTriageMessage,
  newTriageItem,
  touchTriageItem,
} from './triage.queries.ts';
import { recordTriageEvent } from './triage-events.ts';
import { ATTACH_GROUP_JOB, OPEN_GROUP_JOB } from './triage-jobs.ts';

// The one way into triage for the domains that feed it (alerts, e-mail intake, the public report form). Triage
// owns its tables, its items' streams and every decision on them; feeders call these functions inside their own
// transaction and never touch triage's rows or events. What triage shows of a feeder's own data (a group's
// alerts), the feeder answers through the AlertsForTriage interface below, wired in app.ts.

interface Fed {
  dialect: Dialect;
  now: Date;
}

/** A report nobody has vouched for yet: an e-mail from an unknown sender, the public form. */
export interface ReportFeed extends Fed {
  source: 'email' | 'form';
  customerId: string | null;
  title: string;
  description: string;
  reporter: Reporter;
  /** SHA-256 of the receipt key given to a public reporter, so that they can add information later. */
  receiptHash?: string | null;
  by: EventActor;
}

/** Alerts that start firing: they join the open group with their key, or start one. */
export interface AlertGroupFeed extends Fed {
  source: 'alerts';
  /** The alert source that sent them. */
  sourceRef: string;
  customerId: string;
  serviceId: string | null;
  /** Alerts with equal keys belong together (see alerts/grouping.ts). */
  groupKey: string;
  /** The group to join must have been seen since this time (the rule's window); else a new group starts. */
  openSince: string;
  /** Of the group's first alert: a new group is titled and described by it. */
  title: string;
  description: string;
  severity: Severity | null;
  /** The grouping rule: it is the actor of a new group, and its action (open, attach) is enqueued with it. */
  rule: { id: string; name: string; action: RuleAction; incident: string | null };
}

export type TriageFeed = ReportFeed | AlertGroupFeed;

/** The item fed: its id, whether this call created it, and its severity now. */
export interface FedItem {
  id: string;
  opened: boolean;
  severity: Severity | null;
}

/**
 * Puts what a feeder brings into the triage queue, inside the feeder's transaction: a report becomes a new item;
 * alerts join their open group or start one (recorded on its own stream, its rule's action enqueued with it).
 */
export async function feedTriage(tx: Tx, feed: TriageFeed): Promise<FedItem> {
  return feed.source === 'alerts' ? feedAlertGroup(tx, feed) : feedReport(tx, feed);
}

async function feedReport(tx: Tx, feed: ReportFeed): Promise<FedItem> {
  const id = randomUUIDv7();
  const at = feed.now.toISOString();
  await insertTriageItem(
    tx,
    newTriageItem(at, {
      id,
      kind: feed.source,
      customer_id: feed.customerId,
      title: feed.title,
      description: feed.description,
      occurrences: 1,
      reporter: JSON.stringify(feed.reporter),
      receipt_hash: feed.receiptHash ?? null,
    }),
  );
  await recordTriageEvent(
    tx,
    feed.dialect,
    { id, customerId: feed.customerId },
    feed.by,
    feed.now,
    'triage.reported',
    { kind: feed.source, title: feed.title, customerId: feed.customerId },
    true,
  );
  return { id, opened: true, severity: null };
}

async function feedAlertGroup(tx: Tx, feed: AlertGroupFeed): Promise<FedItem> {
  const open = await findOpenTriageGroup(tx, feed.groupKey, feed.openSince);
  if (open) return { id: open.id, opened: false, severity: open.severity as Severity | null };
  const { rule, now } = feed;
  const row = newTriageItem(now.toISOString(), {
    id: randomUUIDv7(),
    kind: 'alerts',
    customer_id: feed.customerId,
    service_id: feed.serviceId,
    source_id: feed.sourceRef,
    rule_id: rule.id,
    group_key: feed.groupKey,
    title: feed.title,
    description: feed.description,
    severity: feed.severity,
  });
  await insertTriageItem(tx, row);
  await recordTriageEvent(
    tx,
    feed.dialect,
    { id: row.id, customerId: feed.customerId },
    { id: `rule:${rule.id}`, name: `Grouping rule "${rule.name}"` },
    now,
    'triage.group_opened',
    { title: row.title, rule: rule.name, action: rule.action, customerId: feed.customerId },
    true,
  );
  if (rule.action === 'open') {
    await enqueue(tx, { name: OPEN_GROUP_JOB, payload: { itemId: row.id, rule: rule.name }, uniqueKey: `open:${row.id}` }, now);
  } else if (rule.action === 'attach') {
    await enqueue(
      tx,
      {
        name: ATTACH_GROUP_JOB,
        payload: { itemId: row.id, rule: rule.name, incident: rule.incident },
        uniqueKey: `attach:${row.id}`,
      },
      now,
    );
  }
  return { id: row.id, opened: true, severity: feed.severity };
}

/**
 * What one write of alerts adds to a group: `joined` alerts became members, `occurrences` new occurrences
 * arrived, and its severity rose (undefined: unchanged). Counts are not events: under a storm they would drown
 * the item's stream.
 */
export async function countIntoTriageItem(
  tx: Tx,
  dialect: Dialect,
  change: { itemId: string; joined: number; occurrences: number; at: string; severity?: Severity | null },
): Promise<void> {
  const { itemId, joined, occurrences, at, severity } = change;
  await countIntoTriageGroup(tx, dialect, { id: itemId, joined, occurrences, at, severity });
}

/** A report as its reporter may learn of it: whether it is still waiting, dismissed, or taken into an incident. */
export interface TriageReport {
  id: string;
  status: 'triage' | 'incident' | 'dismissed';
  incidentId: string | null;
}

/** The report a public reporter's receipt key (as SHA-256) belongs to; null: none. */
export async function findTriageReport(tx: Tx, receiptHash: string): Promise<TriageReport | null> {
  const row = await findTriageItemByReceipt(tx, receiptHash);
  return row ? { id: row.id, status: row.status as TriageReport['status'], incidentId: row.incident_id } : null;
}

/**
 * Adds what a reporter sent later to their report while it waits in triage, inside the caller's transaction
 * (locked on PostgreSQL, so that a decision taken meanwhile waits for it). When the report has become an
 * incident, nothing is added here and its incident id is returned: the caller notes it there instead.
 */
export async function addToTriageReport(
  tx: Tx,
  input: { dialect: Dialect; itemId: string; body: string; author?: Reporter; by: EventActor; now: Date },
): Promise<{ added: true } | { added: false; incidentId: string }> {
  const item = await findTriageItemForUpdate(tx, input.dialect, input.itemId);
  if (!item) throw new Error(`No triage item ${input.itemId}`);
  if (item.incident_id) return { added: false, incidentId: item.incident_id };
  const at = input.now.toISOString();
  await insertTriageMessage(tx, {
    id: randomUUIDv7(),
    item_id: item.id,
    author: JSON.stringify(input.author ?? reporterOf(item.reporter)),
    body: input.body,
    received_at: at,
  });
  await touchTriageItem(tx, item.id, at);
  await recordTriageEvent(
    tx,
    input.dialect,
    { id: item.id, customerId: item.customer_id },
    input.by,
    input.now,
    'triage.information_added',
    { length: input.body.length },
  );
  return { added: true };
}

function reporterOf(stored: string | null): Reporter {
  try {
    return stored ? (JSON.parse(stored) as Reporter) : { anonymous: true };
  } catch {
    return { anonymous: true };
  }
}

/**
 * What triage needs of a group's alerts, answered by the alerts domain: triage never reads alert tables. Passed
 * to triage's routes by app.ts.
 */
export interface AlertsForTriage {
  /** How many alerts of each group are firing now. */
  firingCounts(db: Tx, itemIds: string[]): Promise<Map<string, number>>;
  /** The group's alerts, most recently seen first. */
  listAlerts(db: Tx, itemId: string, limit: number): Promise<Alert[]>;
  /** Silences every alert of the group (a dismissal's choice), in the caller's transaction; how many were. */
  silenceGroup(
    tx: Tx,
    input: { actor: Actor; itemId: string; customerId: string; minutes: number; reason: string; now: Date },
  ): Promise<number>;
}
