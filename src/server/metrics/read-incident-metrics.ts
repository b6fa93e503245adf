import type { IncidentMetrics, MetricGrouping } from '../../shared/metrics-types.ts';
import { type Actor, assertCan, listReader, readerKey, visibleCustomers } from '../auth/policy.ts';
import { keptUntilChanged } from '../core/db/kept-until-changed.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { aggregateMetrics } from './aggregate-metrics.ts';
import { customerNames, selectMetricRows } from './metrics.queries.ts';

export interface MetricsRequest {
  from?: string;
  to?: string;
  customerId?: string;
  groupBy?: MetricGrouping;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time as stored (UTC, milliseconds), or 400 naming the field. */
function instant(value: string | undefined, field: 'from' | 'to'): string | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  if (!RFC3339.test(value) || Number.isNaN(ms)) {
    throw new AppError('invalid', `${field} must be an RFC 3339 date-time such as 2026-01-31T00:00:00Z`, field);
  }
  return new Date(ms).toISOString();
}

const NONE_LABEL: Record<MetricGrouping, string> = {
  customer: 'No customer',
  category: 'Uncategorised',
  severity: 'Unassessed',
  month: '—',
};

/**
 * The response metrics of the incidents the actor may read that were reported in [from, to): real incidents and
 * exercises apart, overall and per group (docs/metrics.md). They follow from what is stored alone (no figure runs
 * to "now"), so an answer is kept until the database changes: a dashboard opened by several people, or refreshed,
 * reads and groups every incident's facts once.
 */
export function readIncidentMetrics(deps: Deps, actor: Actor, request: MetricsRequest): Promise<IncidentMetrics> {
  const { from, to, customerId, groupBy } = request;
  return keptUntilChanged(
    deps.database,
    `metrics ${readerKey(actor)} ${JSON.stringify([from, to, customerId, groupBy])}`,
    async () => ({ value: await computeIncidentMetrics(deps, actor, request), keep: true }),
    (metrics) => JSON.stringify(metrics).length,
  );
}

async function computeIncidentMetrics(deps: Deps, actor: Actor, request: MetricsRequest): Promise<IncidentMetrics> {
  const { customerId } = request;
  if (customerId) assertCan(actor, 'incident.read', { customerId, notFound: `No customer ${customerId}` });
  else assertCan(actor, 'incident.read');
  const from = instant(request.from, 'from');
  const to = instant(request.to, 'to');
  if (from && to && from > to) throw new AppError('invalid', 'from is after to', 'from');
  const groupBy = request.groupBy ?? 'month';
  const { db } = deps.database;
  const rows = await selectMetricRows(db, {
    visible: visibleCustomers(actor),
    reader: listReader(actor),
    customerId,
    from,
    to,
  });
  const names =
    groupBy === 'customer'
      ? await customerNames(db, [...new Set(rows.flatMap((r) => (r.customer_id ? [r.customer_id] : [])))])
      : new Map<string, string>();
  const label = (key: string | null) => (key === null ? NONE_LABEL[groupBy] : (names.get(key) ?? key));
  return {
    from: from ?? null,
    to: to ?? null,
    customerId: customerId ?? null,
    groupBy,
    ...aggregateMetrics(rows, groupBy, label),
  };
}
