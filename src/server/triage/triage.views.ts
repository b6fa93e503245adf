import type { Severity } from '../../shared/incident-vocabulary.ts';
import type { Reporter, TriageItemFacts, TriageKind, TriageStatus } from '../../shared/triage-types.ts';
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
