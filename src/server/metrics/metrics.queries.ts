import { type Kysely, sql } from 'kysely';
import type { IncidentMetricsTable } from '../core/db/metrics-schema.ts';
import type { DB } from '../core/db/schema.ts';
import { type Tx, writeUnanswered } from '../core/db/transaction.ts';
import { RED } from '../incidents/incident-access.queries.ts';
import { type MetricFacts, stageOutcome } from './metric-facts.ts';

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
    tlp: row.tlp,
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

const between = (start: string | null, end: string | null): number | null =>
  start && end ? Date.parse(end) - Date.parse(start) : null;

export function metricsRow(f: MetricFacts): IncidentMetricsTable {
  const instructions = Object.values(f.instructions);
  const outcomes = Object.entries(f.stages).flatMap(([ref, s]) => {
    const outcome = stageOutcome(s);
    return outcome ? [[ref, outcome]] : [];
  });
  return {
    incident_id: f.incidentId,
    version: f.version,
    exercise: f.exercise ? 1 : 0,
    tlp: f.tlp,
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
    detect_ms: between(f.occurredAt, f.detectedAt),
    dp1_ms: between(f.reportedAt, f.dp1At),
    classify_ms: between(f.reportedAt, f.dp2At),
    first_report_ms: between(f.reportedAt, f.firstReportAt),
    contain_ms: between(f.reportedAt, f.containedAt),
    resolve_ms: between(f.reportedAt, f.resolvedAt),
    outcomes: JSON.stringify(outcomes),
    instructions_requested: instructions.length,
    instructions_answered: instructions.filter((i) => i.answeredAt !== null).length,
    instruction_answer_ms: JSON.stringify(
      instructions.flatMap((i) => (i.answeredAt ? [between(i.requestedAt, i.answeredAt)] : [])),
    ),
    stages: JSON.stringify(f.stages),
    instructions: JSON.stringify(f.instructions),
    pending: JSON.stringify(f.pending),
  };
}

export async function saveMetricFacts(tx: Tx, facts: MetricFacts): Promise<void> {
  const row = metricsRow(facts);
  const { incident_id: _id, ...rest } = row;
  await writeUnanswered(
    tx,
    tx
      .insertInto('incident_metrics')
      .values(row)
      .onConflict((oc) => oc.column('incident_id').doUpdateSet(rest)),
  );
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

export type MetricsRow = Pick<
  IncidentMetricsTable,
  | 'exercise'
  | 'customer_id'
  | 'category'
  | 'severity'
  | 'status'
  | 'reported_month'
  | 'detect_ms'
  | 'dp1_ms'
  | 'classify_ms'
  | 'first_report_ms'
  | 'contain_ms'
  | 'resolve_ms'
  | 'outcomes'
  | 'instructions_requested'
  | 'instructions_answered'
  | 'instruction_answer_ms'
>;

/**
 * The facts of every incident the caller may read reported in the range: the incident list's rules (visible
 * customers; TLP:RED only for those on its access list, as readableIncident words it for incidents.id) read on the
 * facts' own copies of the customer and TLP, so that 10,000 rows are read without a join.
 */
export function selectMetricRows(db: Kysely<DB> | Tx, filter: MetricsFilter): Promise<MetricsRow[]> {
  let query = db.selectFrom('incident_metrics as m');
  if (filter.visible !== null) {
    const visible = filter.visible;
    query = query.where((eb) =>
      visible.length
        ? eb.or([eb('m.customer_id', 'is', null), eb('m.customer_id', 'in', visible)])
        : eb('m.customer_id', 'is', null),
    );
  }
  if (filter.reader !== null) {
    query = query.where(
      sql<boolean>`(m.tlp <> ${RED} or exists (select 1 from incident_access listed where listed.incident_id = m.incident_id and listed.user_id = ${filter.reader}))`,
    );
  }
  if (filter.customerId) query = query.where('m.customer_id', '=', filter.customerId);
  if (filter.from) query = query.where('m.reported_at', '>=', filter.from);
  if (filter.to) query = query.where('m.reported_at', '<', filter.to);
  return query
    .select([
      'm.exercise',
      'm.customer_id',
      'm.category',
      'm.severity',
      'm.status',
      'm.reported_month',
      'm.detect_ms',
      'm.dp1_ms',
      'm.classify_ms',
      'm.first_report_ms',
      'm.contain_ms',
      'm.resolve_ms',
      'm.outcomes',
      'm.instructions_requested',
      'm.instructions_answered',
      'm.instruction_answer_ms',
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
