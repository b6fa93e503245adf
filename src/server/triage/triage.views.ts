import type { Severity } from '../../shared/incident-vocabulary.ts';
import type { Alert, AlertStatus, Reporter, TriageItemFacts, TriageKind, TriageStatus } from '../../shared/triage-types.ts';
import type { AlertRow } from '../alerts/alerts.queries.ts';
import type { TriageItemRow } from './triage.queries.ts';

export function triageItemView(row: TriageItemRow, firing: number, incidentKey: string | null): TriageItemFacts {
  return {
    id: row.id,
    kind: row.kind as TriageKind,
    customerId: row.customer_id,
    serviceId: row.service_id,
    sourceId: row.source_id,
    title: row.title,
    description: row.description,
    severity: row.severity as Severity | null,
    status: row.status as TriageStatus,
    alertCount: row.alert_count,
    occurrences: row.occurrences,
    firingCount: firing,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    incidentId: row.incident_id,
    incidentKey,
    decisionReason: row.decision_reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    reporter: row.reporter ? (JSON.parse(row.reporter) as Reporter) : null,
  };
}

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
