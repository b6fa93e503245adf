import { type IncidentMetrics, METRIC_DURATIONS, type MetricGroup } from '../../shared/metrics-types.ts';

// The metrics as CSV (GET /api/v1/metrics/incidents.csv): one row per group, real groups first, then the exercises'.

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const METRICS_CSV_HEADER = [
  'kind',
  'group_by',
  'group',
  'label',
  'incidents',
  'dismissed',
  'open',
  'closed',
  ...METRIC_DURATIONS.flatMap((d) => [`${snake(d)}_n`, `${snake(d)}_median_ms`, `${snake(d)}_p90_ms`]),
  'stages_met',
  'stages_met_late',
  'stages_missed',
  'stages_waived',
  'instructions_requested',
  'instructions_answered',
];

/** A CSV field: quoted when it must be, and text a spreadsheet would run as a formula made inert. */
function field(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(kind: 'real' | 'exercise', groupBy: string, g: MetricGroup): string {
  const c = g.counts;
  return [
    kind,
    groupBy,
    g.key,
    g.label,
    c.incidents,
    c.dismissed,
    c.open,
    c.closed,
    ...METRIC_DURATIONS.flatMap((d) => [g.durations[d].n, g.durations[d].medianMs, g.durations[d].p90Ms]),
    g.obligations.met,
    g.obligations.metLate,
    g.obligations.missed,
    g.obligations.waived,
    c.instructionsRequested,
    c.instructionsAnswered,
  ]
    .map(field)
    .join(',');
}

export function metricsCsv(m: IncidentMetrics): string {
  const rows = [
    METRICS_CSV_HEADER.join(','),
    ...m.real.groups.map((g) => line('real', m.groupBy, g)),
    ...m.exercises.groups.map((g) => line('exercise', m.groupBy, g)),
  ];
  return `${rows.join('\r\n')}\r\n`;
}
