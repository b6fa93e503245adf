import { randomUUIDv7 } from 'node:crypto';
import { sql } from 'kysely';
import type { AlertReceipt, AlertRule } from '../../shared/triage-types.ts';
import type { AlertsTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { eventLoopTurns } from '../core/event-loop.ts';
import { enqueue } from '../core/jobs/jobs.ts';
import { insertTriageItem, newTriageItem, type TriageItemRow } from '../triage/triage.queries.ts';
import { recordTriageEvent } from '../triage/triage-events.ts';
import { ATTACH_GROUP_JOB, OPEN_GROUP_JOB } from '../triage/triage-jobs.ts';
import {
  countIntoGroup,
  countRepeats,
  findAlertStates,
  findOpenGroup,
  silencedFingerprints,
  upsertAlerts,
} from './alerts.queries.ts';
import { type AlertOrigin, higherSeverity } from './grouping.ts';
import { type FoldedAlert, mergeFolded, newOccurrences } from './normalize-alert.ts';

export interface PlannedAlert {
  alert: FoldedAlert;
  rule: AlertRule;
  key: string;
  /** Set when the alert joins a group in this write (new, silenced before, or firing again after resolving). */
  joins: string | null;
}

/**
 * One source's alerts, inside the caller's transaction: new fingerprints are inserted, repeats count up, new
 * alerts (even one first heard of as resolved: it still happened) and alerts firing again after resolving join
 * their group or open one, unless silenced; and the groups' counts move.
 * `planned` must be sorted by fingerprint (see alert-writer.ts). Returns a receipt per fingerprint.
 */
export async function storeAlerts(
  tx: Tx,
  deps: Deps,
  origin: AlertOrigin,
  planned: PlannedAlert[],
  now: Date,
): Promise<{ receipts: Map<string, AlertReceipt>; newGroups: number }> {
  const { dialect } = deps.database;
  const at = now.toISOString();
  if (dialect === 'postgres') await lockGroupKeys(tx, planned);
  const states = await findAlertStates(
    tx,
    dialect,
    origin.customerId,
    planned.map((p) => p.alert.fingerprint),
  );
  // In the order the alerts started: a new group takes its title and description from its first alert.
  const needsGroup = planned
    .filter(({ alert }) => {
      const state = states.get(alert.fingerprint);
      return !state || state.group_id === null || (state.status === 'resolved' && alert.status === 'firing');
    })
    .sort(byStart);
  const silenced = needsGroup.length > 0 ? await silencedFingerprints(tx, origin.customerId, at) : new Set<string>();
  const keptOut = new Set<string>();

  // The groups this request touches, with what it adds to each.
  const groups = new Map<string, { row: TriageItemRow | null; joined: number; occurrences: number; severity?: string | null }>();
  const byKey = new Map<string, TriageItemRow>();
  const known = new Map<string, TriageItemRow>();
  let newGroups = 0;
  for (const entry of needsGroup) {
    if (silenced.has(entry.alert.fingerprint)) {
      keptOut.add(entry.alert.fingerprint);
      continue;
    }
    let group = byKey.get(entry.key);
    if (!group) {
      const since = new Date(now.getTime() - entry.rule.windowMinutes * 60_000).toISOString();
      group = await findOpenGroup(tx, entry.key, since);
      if (!group) {
        group = await openGroup(tx, deps, origin, entry, now);
        newGroups += 1;
      }
      byKey.set(entry.key, group);
      known.set(group.id, group);
    }
    entry.joins = group.id;
  }

  const rows: AlertsTable[] = [];
  const repeats: AlertsTable[] = [];
  const turn = eventLoopTurns();
  for (const { alert, joins } of planned) {
    await turn();
    const state = states.get(alert.fingerprint);
    const previous = state?.group_id ?? null;
    const groupId = joins ?? previous;
    const count = newOccurrences(alert, state?.starts_at);
    if (groupId) {
      const change = groups.get(groupId) ?? { row: known.get(groupId) ?? null, joined: 0, occurrences: 0 };
      change.occurrences += count;
      if (joins && joins !== previous) change.joined += 1;
      if (change.row) {
        const severity = higherSeverity(change.row.severity as never, alert.severity);
        if (severity !== change.row.severity) change.severity = change.row.severity = severity;
      }
      groups.set(groupId, change);
    }
    const row: AlertsTable = {
      customer_id: origin.customerId,
      fingerprint: alert.fingerprint,
      source_id: origin.sourceId,
      service_id: origin.serviceId,
      title: alert.title,
      severity: alert.severity,
      labels: JSON.stringify(alert.labels),
      annotations: JSON.stringify(alert.annotations),
      status: alert.status,
      count,
      first_seen: at,
      last_seen: at,
      starts_at: alert.startsAt,
      ends_at: alert.endsAt,
      resolved_at: alert.status === 'resolved' ? (alert.endsAt ?? at) : null,
      group_id: joins,
    };
    // A plain repeat (same status, same group, same source) only counts up; anything else is an upsert.
    const plainRepeat = state && !joins && state.status === alert.status && state.source_id === origin.sourceId;
    (plainRepeat ? repeats : rows).push(row);
  }
  const stored = await upsertAlerts(tx, dialect, rows);
  if (repeats.length > 0) {
    for (const [fingerprint, row] of await countRepeats(tx, deps.database, origin.customerId, at, repeats))
      stored.set(fingerprint, row);
  }
  for (const id of [...groups.keys()].sort()) {
    const change = groups.get(id);
    if (change)
      await countIntoGroup(tx, dialect, {
        id,
        joined: change.joined,
        occurrences: change.occurrences,
        at,
        severity: change.severity,
      });
  }
  const receipts = new Map<string, AlertReceipt>();
  for (const { alert } of planned) {
    const row = stored.get(alert.fingerprint);
    receipts.set(alert.fingerprint, {
      fingerprint: alert.fingerprint,
      status: alert.status,
      count: row?.count ?? alert.count,
      groupId: row?.group_id ?? null,
      silenced: keptOut.has(alert.fingerprint),
    });
  }
  return { receipts, newGroups };
}

/** A new group in the triage queue, recorded on its own stream; a rule that opens or attaches enqueues that. */
async function openGroup(tx: Tx, deps: Deps, origin: AlertOrigin, entry: PlannedAlert, now: Date): Promise<TriageItemRow> {
  const at = now.toISOString();
  const { alert, rule } = entry;
  const row = newTriageItem(at, {
    id: randomUUIDv7(),
    kind: 'alerts',
    customer_id: origin.customerId,
    service_id: origin.serviceId,
    source_id: origin.sourceId,
    rule_id: rule.id,
    group_key: entry.key,
    title: alert.title,
    description: alert.annotations.description ?? '',
    severity: alert.severity,
  });
  await insertTriageItem(tx, row);
  const by = { id: `rule:${rule.id}`, name: `Grouping rule "${rule.name}"` };
  await recordTriageEvent(
    tx,
    deps.database.dialect,
    { id: row.id, customerId: origin.customerId },
    by,
    now,
    'triage.group_opened',
    { title: row.title, rule: rule.name, action: rule.action, customerId: origin.customerId },
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
  return row;
}

/** Earliest start first; alerts that started together in fingerprint order. */
function byStart(a: PlannedAlert, b: PlannedAlert): number {
  const x = a.alert.startsAt ?? '';
  const y = b.alert.startsAt ?? '';
  if (x !== y) return x < y ? -1 : 1;
  return a.alert.fingerprint < b.alert.fingerprint ? -1 : 1;
}

/**
 * PostgreSQL: concurrent requests whose alerts share a grouping key take turns (transaction advisory locks,
 * in one order), so that two of them never both start a group for the same key. SQLite has one writer anyway.
 */
async function lockGroupKeys(tx: Tx, planned: PlannedAlert[]): Promise<void> {
  const keys = [...new Set(planned.map((p) => Number.parseInt(p.key.slice(0, 13), 16)))].sort((a, b) => a - b);
  await sql`select pg_advisory_xact_lock(k) from unnest(${keys}::bigint[]) as k order by k`.execute(tx);
}

/**
 * Several requests' alerts of one source as one sorted list, repeats of a fingerprint folded (the later request's
 * content wins, firings add up). Sorted by fingerprint: PostgreSQL writers then lock rows in one order.
 */
export function mergePlanned(parts: PlannedAlert[][]): PlannedAlert[] {
  const byFingerprint = new Map<string, PlannedAlert>();
  for (const part of parts) {
    for (const entry of part) {
      const seen = byFingerprint.get(entry.alert.fingerprint);
      byFingerprint.set(entry.alert.fingerprint, seen ? { ...entry, alert: mergeFolded(seen.alert, entry.alert) } : entry);
    }
  }
  return [...byFingerprint.values()].sort((a, b) => (a.alert.fingerprint < b.alert.fingerprint ? -1 : 1));
}
