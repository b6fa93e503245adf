import type { IncidentStatus, Severity } from './incident-vocabulary.ts';

// The dashboard's summary as `GET /api/v1/dashboard` gives it (docs/api.md). Names and shapes only, no logic.

/** How far ahead a clock counts as at risk. */
export const CLOCK_RISK_HOURS = 24;
/** How many clocks at risk the summary lists (soonest first); `total` counts them all. */
export const CLOCK_RISK_LIMIT = 20;

/** How many open incidents have this severity (null: not assessed yet) and stand at this stage. */
export interface SeverityStageCount {
  severity: Severity | null;
  stage: IncidentStatus;
  count: number;
}

/** An obligation's stage that is neither met nor waived and falls due within the window, or already has. */
export interface ClockAtRisk {
  incidentId: string;
  incidentKey: string;
  incidentTitle: string;
  /** The incident's stage now. */
  incidentStage: IncidentStatus;
  customerId: string | null;
  obligationId: string;
  obligationName: string;
  stageId: string;
  stageName: string;
  recipient: string;
  dueAt: string;
  /** Due before `now`. */
  overdue: boolean;
}

/** The work of one kind of incident: real ones, or exercises (never mixed, never added together). */
export interface DashboardPart {
  open: { total: number; cells: SeverityStageCount[] };
  clocks: { total: number; overdue: number; items: ClockAtRisk[] };
}

export interface DashboardSummary {
  now: string;
  /** The window in hours: a clock due before now + this is at risk. */
  windowHours: number;
  real: DashboardPart;
  exercise: DashboardPart;
}
