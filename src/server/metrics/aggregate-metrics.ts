import type {
  DurationFigure,
  MetricDuration,
  MetricFigures,
  MetricGroup,
  MetricGrouping,
  MetricSide,
  StageCompliance,
} from '../../shared/metrics-types.ts';
import type { StageOutcome } from './metric-facts.ts';
import type { MetricsRow } from './metrics.queries.ts';

// Pure: the figures of docs/metrics.md from the facts rows. Done in JS rather than SQL: percentiles have no common
// form on SQLite and PostgreSQL, and 10,000 rows are grouped in a few milliseconds.

/** Nearest-rank percentile of sorted values (p in (0, 1]): the smallest value with at least p of them at or below it. */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

export function durationFigure(values: number[]): DurationFigure {
  const sorted = Float64Array.from(values).sort();
  return { n: sorted.length, medianMs: percentile(sorted, 0.5), p90Ms: percentile(sorted, 0.9) };
}

/** A row with its JSON lists parsed once (most rows have none). */
interface Facts {
  row: MetricsRow;
  outcomes: [string, StageOutcome][];
  answers: number[];
}

function parsed(row: MetricsRow): Facts {
  return {
    row,
    outcomes: row.outcomes === '[]' ? [] : JSON.parse(row.outcomes),
    answers: row.instruction_answer_ms === '[]' ? [] : JSON.parse(row.instruction_answer_ms),
  };
}

const COLUMN: Record<Exclude<MetricDuration, 'instructionAnswer'>, keyof MetricsRow> = {
  detect: 'detect_ms',
  dp1: 'dp1_ms',
  classify: 'classify_ms',
  firstReport: 'first_report_ms',
  contain: 'contain_ms',
  resolve: 'resolve_ms',
};
const MEASURED = Object.entries(COLUMN) as [Exclude<MetricDuration, 'instructionAnswer'>, keyof MetricsRow][];

const FIELD: Record<StageOutcome, keyof StageCompliance> = {
  met: 'met',
  'met-late': 'metLate',
  missed: 'missed',
  waived: 'waived',
};

function figures(list: readonly Facts[]): MetricFigures {
  const values: Record<MetricDuration, number[]> = {
    detect: [],
    dp1: [],
    classify: [],
    firstReport: [],
    contain: [],
    resolve: [],
    instructionAnswer: [],
  };
  const counts = { incidents: 0, dismissed: 0, open: 0, closed: 0, instructionsRequested: 0, instructionsAnswered: 0 };
  const total: StageCompliance = { met: 0, metLate: 0, missed: 0, waived: 0 };
  const stages = new Map<string, StageCompliance>();
  for (const { row: r, outcomes, answers } of list) {
    counts.incidents++;
    if (r.status === 'dismissed') counts.dismissed++;
    else if (r.status === 'closed') counts.closed++;
    else counts.open++;
    for (const [name, column] of MEASURED) {
      const ms = r[column];
      if (ms !== null) values[name].push(Number(ms));
    }
    counts.instructionsRequested += Number(r.instructions_requested);
    counts.instructionsAnswered += Number(r.instructions_answered);
    for (const ms of answers) values.instructionAnswer.push(ms);
    for (const [ref, outcome] of outcomes) {
      const one = stages.get(ref) ?? { met: 0, metLate: 0, missed: 0, waived: 0 };
      stages.set(ref, one);
      one[FIELD[outcome]]++;
      total[FIELD[outcome]]++;
    }
  }
  const durations = Object.fromEntries(Object.entries(values).map(([key, list]) => [key, durationFigure(list)])) as Record<
    MetricDuration,
    DurationFigure
  >;
  return {
    counts,
    durations,
    obligations: total,
    stages: [...stages.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([ref, c]) => {
        const slash = ref.indexOf('/');
        return { obligationId: ref.slice(0, slash), stageId: ref.slice(slash + 1), ...c };
      }),
  };
}

/** The group key of a row. */
export function groupKey(row: MetricsRow, groupBy: MetricGrouping): string | null {
  if (groupBy === 'customer') return row.customer_id;
  if (groupBy === 'category') return row.category;
  if (groupBy === 'severity') return row.severity;
  return row.reported_month;
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];

function side(list: Facts[], groupBy: MetricGrouping, label: (key: string | null) => string): MetricSide {
  const groups = new Map<string | null, Facts[]>();
  for (const f of list) {
    const key = groupKey(f.row, groupBy);
    const members = groups.get(key);
    if (members) members.push(f);
    else groups.set(key, [f]);
  }
  const rank = (key: string | null) => (groupBy === 'severity' ? SEVERITY_ORDER.indexOf(key ?? '') : 0);
  const out: MetricGroup[] = [...groups.entries()].map(([key, members]) => ({ key, label: label(key), ...figures(members) }));
  // Months in time order, severities from critical, the others by label; "none" last.
  out.sort((a, b) => {
    if ((a.key === null) !== (b.key === null)) return a.key === null ? 1 : -1;
    if (groupBy === 'severity') return ((rank(a.key) + 100) % 100) - ((rank(b.key) + 100) % 100);
    const x = groupBy === 'month' ? (a.key ?? '') : a.label.toLowerCase();
    const y = groupBy === 'month' ? (b.key ?? '') : b.label.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { overall: figures(list), groups: out };
}

/** The real and the exercise figures, overall and per group; exercises never enter the real ones. */
export function aggregateMetrics(
  rows: readonly MetricsRow[],
  groupBy: MetricGrouping,
  label: (key: string | null) => string,
): { real: MetricSide; exercises: MetricSide } {
  const real: Facts[] = [];
  const exercises: Facts[] = [];
  for (const row of rows) (Number(row.exercise) ? exercises : real).push(parsed(row));
  return { real: side(real, groupBy, label), exercises: side(exercises, groupBy, label) };
}
