// The response metrics as GET /api/v1/metrics/incidents answers them (docs/metrics.md defines every figure).
// Shared by the server and the web UI: types only, no logic.

export const METRIC_GROUPINGS = ['customer', 'category', 'severity', 'month'] as const;
export type MetricGrouping = (typeof METRIC_GROUPINGS)[number];

/** The durations measured, each from its start to its end (docs/metrics.md). */
export const METRIC_DURATIONS = ['detect', 'dp1', 'classify', 'firstReport', 'contain', 'resolve', 'instructionAnswer'] as const;
export type MetricDuration = (typeof METRIC_DURATIONS)[number];

/** A duration's distribution: how many were measured, and their median and 90th percentile (nearest rank), in ms. */
export interface DurationFigure {
  n: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface StageCompliance {
  met: number;
  metLate: number;
  missed: number;
  waived: number;
}

export interface MetricFigures {
  counts: {
    incidents: number;
    /** Dismissed at DP1 as not an incident (false positives); counted in incidents too. */
    dismissed: number;
    /** Neither closed nor dismissed. */
    open: number;
    closed: number;
    instructionsRequested: number;
    instructionsAnswered: number;
  };
  durations: Record<MetricDuration, DurationFigure>;
  /** Every obligation stage with an outcome, summed. */
  obligations: StageCompliance;
  /** Per obligation stage ("obligationId/stageId"), sorted by it. */
  stages: (StageCompliance & { obligationId: string; stageId: string })[];
}

export interface MetricGroup extends MetricFigures {
  /** The customer's id, the category, the severity or "YYYY-MM"; null: none (no customer, uncategorised, unassessed). */
  key: string | null;
  label: string;
}

export interface MetricSide {
  overall: MetricFigures;
  groups: MetricGroup[];
}

export interface IncidentMetrics {
  from: string | null;
  to: string | null;
  customerId: string | null;
  groupBy: MetricGrouping;
  /** Real incidents only. */
  real: MetricSide;
  /** Exercise incidents only, never mixed with the real ones. */
  exercises: MetricSide;
}
