import type { Kysely } from 'kysely';
import type { IncidentMetricsTable } from '../core/db/metrics-schema.ts';
import type { DB } from '../core/db/schema.ts';
import type { Tx } from '../core/db/transaction.ts';
import { readableIncident } from '../incidents/incident-access.queries.ts';
import type { MetricFacts } from './metric-facts.ts';

/** The stored facts of one incident as the fold knows them; null when it has none yet. */
export async function findMetricFacts(tx: Tx, incidentId: string): Promise<MetricFacts | null> {
  const row = await tx.selectFrom('incident_metrics').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
  return row ? factsOf(row) : null;
}

export function factsOf(row: IncidentMetricsTable): MetricFacts {
  return {
    incidentId: row.incident_id,
    version: Number(row.version),
    exercise: Boolean(Number(row.exercise)),
    customerId: row.customer_id,
    category: row.category,
    severity: row.severity,
    status: row.status,
    reportedAt: row.reported_at,
    occurredAt: row.occurred_at,
    detectedAt: row.detected_at,
    dp1At: row.dp1_at,
    dp2At: row.dp2_at,
    firstReportAt: row.first_report_at,
    containedAt: row.contained_at,
    resolvedAt: row.resolved_at,
    stages: JSON.parse(row.stages),
    instructions: JSON.parse(row.instructions),
    pending: JSON.parse(row.pending),
  };
}

export function metricsRow(f: MetricFacts): IncidentMetricsTable {
  return {
    incident_id: f.incidentId,
    version: f.version,
    exercise: f.exercise ? 1 : 0,
    customer_id: f.customerId,
    category: f.category,
    severity: f.severity,
    status: f.status,
    reported_at: f.reportedAt,
    reported_month: f.reportedAt.slice(0, 7),
    occurred_at: f.occurredAt,
    detected_at: f.detectedAt,
    dp1_at: f.dp1At,
    dp2_at: f.dp2At,
    first_report_at: f.firstReportAt,
    contained_at: f.containedAt,
    resolved_at: f.resolvedAt,
    stages: JSON.stringify(f.stages),
    instructions: JSON.stringify(f.instructions),
    pending: JSON.stringify(f.pending),
  };
}

export async function saveMetricFacts(tx: Tx, facts: MetricFacts): Promise<void> {
  const row = metricsRow(facts);
  const { incident_id: _id, ...rest } = row;
  await tx
    .insertInto('incident_metrics')
    .values(row)
    .onConflict((oc) => oc.column('incident_id').doUpdateSet(rest))
    .execute();
}

export interface MetricsFilter {
  /** The customers the caller may see (incidents of no customer are always visible); null: all. */
  visible: string[] | null;
  /** Whose TLP:RED access counts; null: the system. */
  reader: string | null;
  customerId?: string;
  /** Reported at or after. */
  from?: string;
  /** Reported before. */
  to?: string;
}

export type MetricsRow = Omit<IncidentMetricsTable, 'version' | 'pending'>;

/**
 * The facts of every incident the caller may read (the list's rules: visible customers, TLP:RED need-to-know, by
 * the incident's own row) reported in the range.
 */
export function selectMetricRows(db: Kysely<DB> | Tx, filter: MetricsFilter): Promise<MetricsRow[]> {
  let query = db.selectFrom('incident_metrics as m').innerJoin('incidents', 'incidents.id', 'm.incident_id');
  if (filter.visible !== null) {
    const visible = filter.visible;
    query = query.where((eb) =>
      visible.length
        ? eb.or([eb('incidents.customer_id', 'is', null), eb('incidents.customer_id', 'in', visible)])
        : eb('incidents.customer_id', 'is', null),
    );
  }
  if (filter.reader !== null) query = query.where(readableIncident('incidents.id', filter.reader));
  if (filter.customerId) query = query.where('m.customer_id', '=', filter.customerId);
  if (filter.from) query = query.where('m.reported_at', '>=', filter.from);
  if (filter.to) query = query.where('m.reported_at', '<', filter.to);
  return query
    .select([
      'm.incident_id',
      'm.exercise',
      'm.customer_id',
      'm.category',
      'm.severity',
      'm.status',
      'm.reported_at',
      'm.reported_month',
      'm.occurred_at',
      'm.detected_at',
      'm.dp1_at',
      'm.dp2_at',
      'm.first_report_at',
      'm.contained_at',
      'm.resolved_at',
      'm.stages',
      'm.instructions',
    ])
    .execute();
}

/** The names of customers, for group labels. */
export async function customerNames(db: Kysely<DB>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('records')
    .select(['id', 'data'])
    .where('kind', '=', 'customer')
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, String((JSON.parse(r.data) as { name?: unknown }).name ?? r.id)]));
}
