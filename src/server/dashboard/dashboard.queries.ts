import { sql } from 'kysely';
import type { Tx } from '../core/db/transaction.ts';
import { readableIncident } from '../incidents/incident-access.queries.ts';

/** Whose incidents count: the customers the caller may see (incidents of no customer always), and whose RED list. */
export interface DashboardScope {
  /** null: every customer. */
  visible: string[] | null;
  /** Whose TLP:RED access counts; null: no restriction (the system). */
  reader: string | null;
}

// The stages an incident is still being worked in: listed (not "not closed or dismissed") so that both planners can
// read the status index by range instead of scanning the table.
const OPEN_STAGES = ['reported', 'assessing', 'responding', 'recovering', 'reviewing'];
// A stage that is neither met, met late, waived nor not applicable, and whose clock has started.
const OPEN_CLOCKS = ['running', 'overdue'];

// The same visibility rule as the incident list (incidents.queries.ts `matching`): their customers' and those of no
// customer, and a TLP:RED one only when the reader is on its list.
function visibleIncidents(tx: Tx, scope: DashboardScope) {
  let query = tx.selectFrom('incidents');
  if (scope.visible !== null) {
    const visible = scope.visible;
    query = query.where((eb) =>
      visible.length
        ? eb.or([eb('incidents.customer_id', 'is', null), eb('incidents.customer_id', 'in', visible)])
        : eb('incidents.customer_id', 'is', null),
    );
  }
  if (scope.reader !== null) query = query.where(readableIncident('incidents.id', scope.reader));
  return query;
}

export interface OpenIncidentCountRow {
  exercise: number;
  severity: string | null;
  status: string;
  n: number | string;
}

/** Open incidents the scope may read, counted by exercise flag, severity (effective) and stage. */
export function countOpenIncidents(tx: Tx, scope: DashboardScope): Promise<OpenIncidentCountRow[]> {
  return visibleIncidents(tx, scope)
    .where('incidents.status', 'in', OPEN_STAGES)
    .select((eb) => ['incidents.exercise', 'incidents.severity', 'incidents.status', eb.fn.countAll<number | string>().as('n')])
    .groupBy(['incidents.exercise', 'incidents.severity', 'incidents.status'])
    .execute();
}

export interface ClockAtRiskRow {
  incident_id: string;
  incident_key: string;
  incident_title: string;
  incident_status: string;
  customer_id: string | null;
  obligation_id: string;
  obligation_name: string;
  stage_id: string;
  stage_name: string;
  recipient: string;
  due_at: string;
  exercise: number;
  /** How many clocks are at risk for this row's kind (real or exercise), and how many of them are past due. */
  total: number | string;
  overdue: number | string;
}

/**
 * The open clocks due before `horizon` (past ones included) on incidents the scope may read: for real incidents and
 * for exercises apart, the first `limit` soonest due, each carrying its kind's totals. One statement: the deadlines'
 * (status, due_at) index finds the clocks, the window functions rank and count them per kind.
 */
export function listClocksAtRisk(
  tx: Tx,
  scope: DashboardScope,
  window: { now: string; horizon: string; limit: number },
): Promise<ClockAtRiskRow[]> {
  const ranked = visibleIncidents(tx, scope)
    .innerJoin('deadlines', 'deadlines.incident_id', 'incidents.id')
    .where('deadlines.status', 'in', OPEN_CLOCKS)
    .where('deadlines.due_at', 'is not', null)
    .where('deadlines.due_at', '<=', window.horizon)
    .select([
      'deadlines.incident_id',
      'deadlines.incident_key',
      'deadlines.incident_title',
      'incidents.status as incident_status',
      'incidents.customer_id',
      'deadlines.obligation_id',
      'deadlines.obligation_name',
      'deadlines.stage_id',
      'deadlines.stage_name',
      'deadlines.recipient',
      'deadlines.due_at',
      'incidents.exercise',
      sql<number>`row_number() over (partition by incidents.exercise order by deadlines.due_at, deadlines.incident_key, deadlines.obligation_id, deadlines.stage_id)`.as(
        'rank',
      ),
      sql<number | string>`count(*) over (partition by incidents.exercise)`.as('total'),
      sql<
        number | string
      >`sum(case when deadlines.due_at < ${window.now} then 1 else 0 end) over (partition by incidents.exercise)`.as('overdue'),
    ]);
  return tx
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where('rank', '<=', window.limit)
    .orderBy('exercise')
    .orderBy('rank')
    .execute() as Promise<ClockAtRiskRow[]>;
}
