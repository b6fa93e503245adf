import { sql } from 'kysely';
import type { Severity } from '../../shared/incident-vocabulary.ts';
import type { AlertReceipt, AlertRule } from '../../shared/triage-types.ts';
import type { AlertsTable } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { eventLoopTurns } from '../core/event-loop.ts';
import { countIntoTriageItem, type FedItem, feedTriage } from '../triage/feed-triage.ts';
import { countRepeats, findAlertStates, silencedFingerprints, upsertAlerts } from './alerts.queries.ts';
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
  const groups = new Map<
    string,
    { severity: Severity | null | undefined; joined: number; occurrences: number; rises?: boolean }
  >();
  const byKey = new Map<string, FedItem>();
  let newGroups = 0;
  for (const entry of needsGroup) {
    if (silenced.has(entry.alert.fingerprint)) {
      keptOut.add(entry.alert.fingerprint);
      continue;
    }
    let group = byKey.get(entry.key);
    if (!group) {
      const { alert, rule } = entry;
      group = await feedTriage(tx, {
        source: 'alerts',
        dialect,
        now,
        sourceRef: origin.sourceId,
        customerId: origin.customerId,
        serviceId: origin.serviceId,
        groupKey: entry.key,
        openSince: new Date(now.getTime() - rule.windowMinutes * 60_000).toISOString(),
        title: alert.title,
        description: alert.annotations.description ?? '',
        severity: alert.severity,
        rule: { id: rule.id, name: rule.name, action: rule.action, incident: rule.incident },
      });
      if (group.opened) newGroups += 1;
      byKey.set(entry.key, group);
    }
    entry.joins = group.id;
  }
  const known = new Map([...byKey.values()].map((group) => [group.id, group.severity]));

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
      // The severity of a group fed in this write is known, and may rise; another's is left as it is.
      const change = groups.get(groupId) ?? { severity: known.get(groupId), joined: 0, occurrences: 0 };
      change.occurrences += count;
      if (joins && joins !== previous) change.joined += 1;
      if (change.severity !== undefined) {
        const severity = higherSeverity(change.severity, alert.severity);
        if (severity !== change.severity) {
          change.severity = severity;
          change.rises = true;
        }
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
      await countIntoTriageItem(tx, dialect, {
        itemId: id,
        joined: change.joined,
        occurrences: change.occurrences,
        at,
        severity: change.rises ? change.severity : undefined,
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
