import { sql } from 'kysely';
import type { Severity } from '../../shared/incident-vocabulary.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { eventLoopTurns } from '../core/event-loop.ts';
import { countIntoTriageItem, type FedItem, feedTriage } from '../triage/feed-triage.ts';
import { countRepeats, findAlertStates, type StoredAlert, silencedFingerprints, upsertAlerts } from './alerts.queries.ts';
import { type AlertOrigin, higherSeverity } from './grouping.ts';
import { hasNoAnnotations, mergeFolded, newOccurrences, type PlannedAlert } from './normalize-alert.ts';

/** What a write stored of one source's fingerprints, and which of them a silence kept out of the queue. */
export interface StoredAlerts {
  stored: Map<string, StoredAlert>;
  silenced: Set<string>;
}

const json = (values: Record<string, string>) => JSON.stringify(values);
const annotationsOf = (alert: PlannedAlert) => (hasNoAnnotations(alert) ? '{}' : json(alert.annotations));

/**
 * One source's alerts, inside the caller's transaction: new fingerprints are inserted, repeats count up, new
 * alerts (even one first heard of as resolved: it still happened) and alerts firing again after resolving join
 * their group or open one, unless silenced; and the groups' counts move.
 * `planned` must be sorted by fingerprint (see alert-writer.ts); their `joins` and `adds` are set.
 */
export async function storeAlerts(
  tx: Tx,
  deps: Deps,
  origin: AlertOrigin,
  planned: PlannedAlert[],
  now: Date,
): Promise<StoredAlerts> {
  const { dialect } = deps.database;
  const at = now.toISOString();
  if (dialect === 'postgres') await lockGroupKeys(tx, planned);
  const states = await findAlertStates(
    tx,
    dialect,
    origin.customerId,
    planned.map((p) => p.fingerprint),
  );
  // In the order the alerts started: a new group takes its title and description from its first alert.
  const needsGroup = planned
    .filter((alert) => {
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
  for (const alert of needsGroup) {
    if (silenced.has(alert.fingerprint)) {
      keptOut.add(alert.fingerprint);
      continue;
    }
    let group = byKey.get(alert.key);
    if (!group) {
      const { rule } = alert;
      group = await feedTriage(tx, {
        source: 'alerts',
        dialect,
        now,
        sourceRef: origin.sourceId,
        customerId: origin.customerId,
        serviceId: origin.serviceId,
        groupKey: alert.key,
        openSince: new Date(now.getTime() - rule.windowMinutes * 60_000).toISOString(),
        title: alert.title,
        description: alert.annotations.description ?? '',
        severity: alert.severity,
        rule: { id: rule.id, name: rule.name, action: rule.action, incident: rule.incident },
      });
      byKey.set(alert.key, group);
    }
    alert.joins = group.id;
  }
  const known = new Map([...byKey.values()].map((group) => [group.id, group.severity]));

  // Rows are written straight from the alerts, without a row object each: a storm writes thousands at a time.
  const rows: PlannedAlert[] = [];
  const repeats: PlannedAlert[] = [];
  const turn = eventLoopTurns();
  for (const alert of planned) {
    await turn();
    const { joins } = alert;
    const state = states.get(alert.fingerprint);
    const previous = state?.group_id ?? null;
    const groupId = joins ?? previous;
    const count = newOccurrences(alert, state?.starts_at);
    alert.adds = count;
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
    // A plain repeat (same status, same group, same source) only counts up; anything else is an upsert.
    const plainRepeat = state && !joins && state.status === alert.status && state.source_id === origin.sourceId;
    (plainRepeat ? repeats : rows).push(alert);
  }
  const stored = await upsertAlerts(tx, dialect, rows, (alert, out, i) => {
    // In ALERT_COLUMNS order.
    out[i] = origin.customerId;
    out[i + 1] = alert.fingerprint;
    out[i + 2] = origin.sourceId;
    out[i + 3] = origin.serviceId;
    out[i + 4] = alert.title;
    out[i + 5] = alert.severity;
    out[i + 6] = json(alert.labels);
    out[i + 7] = annotationsOf(alert);
    out[i + 8] = alert.status;
    out[i + 9] = alert.adds;
    out[i + 10] = at;
    out[i + 11] = at;
    out[i + 12] = alert.startsAt;
    out[i + 13] = alert.endsAt;
    out[i + 14] = alert.status === 'resolved' ? (alert.endsAt ?? at) : null;
    out[i + 15] = alert.joins;
  });
  if (repeats.length > 0) {
    const counted = await countRepeats(tx, deps.database, origin.customerId, at, repeats, (alert, out, i) => {
      // In REPEAT_COLUMNS order.
      out[i] = alert.adds;
      out[i + 1] = alert.title;
      out[i + 2] = alert.severity;
      out[i + 3] = json(alert.labels);
      out[i + 4] = annotationsOf(alert);
      out[i + 5] = alert.endsAt;
      out[i + 6] = alert.fingerprint;
    });
    for (const [fingerprint, row] of counted) stored.set(fingerprint, row);
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
  return { stored, silenced: keptOut };
}

/** Earliest start first; alerts that started together in fingerprint order. */
function byStart(a: PlannedAlert, b: PlannedAlert): number {
  const x = a.startsAt ?? '';
  const y = b.startsAt ?? '';
  if (x !== y) return x < y ? -1 : 1;
  return a.fingerprint < b.fingerprint ? -1 : 1;
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
  if (parts.length === 1) return parts[0].slice().sort(byFingerprint);
  const merged = new Map<string, PlannedAlert>();
  for (const part of parts) {
    for (const alert of part) {
      const seen = merged.get(alert.fingerprint);
      merged.set(alert.fingerprint, seen ? mergeFolded(seen, alert) : alert);
    }
  }
  return [...merged.values()].sort(byFingerprint);
}

const byFingerprint = (a: PlannedAlert, b: PlannedAlert) => (a.fingerprint < b.fingerprint ? -1 : 1);
