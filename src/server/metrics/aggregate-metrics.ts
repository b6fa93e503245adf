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
  return sortedFigure(Float64Array.from(values).sort());
}

function sortedFigure(sorted: Float64Array): DurationFigure {
  return { n: sorted.length, medianMs: percentile(sorted, 0.5), p90Ms: percentile(sorted, 0.9) };
}

/**
 * A row read once into a fixed shape: the rows the driver hands back are looked up by name, and doing that once per
 * row rather than in every group's loop halves the work on 10,000 rows.
 */
interface Facts {
  row: MetricsRow;
  status: 0 | 1 | 2; // open, closed, dismissed
  /** The six incident durations in METRIC_DURATIONS order; NaN: not measured. */
  durations: Float64Array;
  requested: number;
  answered: number;
  outcomes: [string, StageOutcome][];
  answers: number[];
}

const ms = (value: number | null) => (value === null ? Number.NaN : Number(value));

function parsed(row: MetricsRow): Facts {
  const durations = new Float64Array(6);
  durations[0] = ms(row.detect_ms);
  durations[1] = ms(row.dp1_ms);
  durations[2] = ms(row.classify_ms);
  durations[3] = ms(row.first_report_ms);
  durations[4] = ms(row.contain_ms);
  durations[5] = ms(row.resolve_ms);
  return {
    row,
    status: row.status === 'closed' ? 1 : row.status === 'dismissed' ? 2 : 0,
    durations,
    requested: Number(row.instructions_requested),
    answered: Number(row.instructions_answered),
    outcomes: row.outcomes === '[]' ? [] : JSON.parse(row.outcomes),
    answers: row.instruction_answer_ms === '[]' ? [] : JSON.parse(row.instruction_answer_ms),
  };
}

/** The incident durations, in the order of Facts.durations (instruction answers are per request, apart). */
const MEASURED = ['detect', 'dp1', 'classify', 'firstReport', 'contain', 'resolve'] as const;

const FIELD: Record<StageOutcome, keyof StageCompliance> = {
  met: 'met',
  'met-late': 'metLate',
  missed: 'missed',
  waived: 'waived',
};

function figures(list: readonly Facts[]): MetricFigures {
  const measured = MEASURED.map(() => new Float64Array(list.length));
  const lengths = [0, 0, 0, 0, 0, 0];
  const answerTimes: number[] = [];
  const counts = { incidents: list.length, dismissed: 0, open: 0, closed: 0, instructionsRequested: 0, instructionsAnswered: 0 };
  const total: StageCompliance = { met: 0, metLate: 0, missed: 0, waived: 0 };
  const stages = new Map<string, StageCompliance>();
  for (let i = 0; i < list.length; i++) {
    const f = list[i];
    if (f.status === 2) counts.dismissed++;
    else if (f.status === 1) counts.closed++;
    else counts.open++;
    for (let d = 0; d < 6; d++) {
      const value = f.durations[d];
      if (!Number.isNaN(value)) measured[d][lengths[d]++] = value;
    }
    counts.instructionsRequested += f.requested;
    counts.instructionsAnswered += f.answered;
    for (const value of f.answers) answerTimes.push(value);
    for (const [ref, outcome] of f.outcomes) {
      const one = stages.get(ref) ?? { met: 0, metLate: 0, missed: 0, waived: 0 };
      stages.set(ref, one);
      one[FIELD[outcome]]++;
      total[FIELD[outcome]]++;
    }
  }
  const durations = {
    instructionAnswer: durationFigure(answerTimes),
  } as Record<MetricDuration, DurationFigure>;
  MEASURED.forEach((name, d) => {
    durations[name] = sortedFigure(measured[d].subarray(0, lengths[d]).sort());
  });
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
