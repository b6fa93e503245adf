import type { Severity } from '../../shared/incident-vocabulary.ts';
import type { Alert, AlertStatus } from '../../shared/triage-types.ts';
import type { AlertsForTriage } from '../triage/feed-triage.ts';
import { type AlertRow, firingCounts, groupFingerprints, listGroupAlerts } from './alerts.queries.ts';
import { silenceFingerprints } from './silence-alerts.ts';

/** An alert as the API shows it. */
export function alertView(row: AlertRow): Alert {
  return {
    fingerprint: row.fingerprint,
    customerId: row.customer_id,
    sourceId: row.source_id,
    serviceId: row.service_id,
    title: row.title,
    severity: row.severity as Severity | null,
    labels: JSON.parse(row.labels),
    annotations: JSON.parse(row.annotations),
    status: row.status as AlertStatus,
    count: Number(row.count),
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    resolvedAt: row.resolved_at,
    groupId: row.group_id,
  };
}

/** What triage shows and does with the alerts of its groups: answered here, so that triage never reads alert tables. */
export const alertsForTriage: AlertsForTriage = {
  firingCounts,
  async listAlerts(db, itemId, limit) {
    return (await listGroupAlerts(db, itemId, limit)).map(alertView);
  },
  async silenceGroup(tx, { actor, itemId, customerId, minutes, reason, now }) {
    const fingerprints = (await groupFingerprints(tx, itemId)).map((a) => a.fingerprint);
    await silenceFingerprints(tx, actor, { customerId, fingerprints, minutes, reason }, now);
    return fingerprints.length;
  },
};
