// The row shape of the response metrics' facts (see schema.ts for the conventions of every row shape).

/**
 * One incident's metric facts: a projection of its timeline (src/server/metrics/metric-facts.ts), written in the
 * same transaction as its events are appended. Times are the endpoints of the durations docs/metrics.md defines.
 */
export interface IncidentMetricsTable {
  incident_id: string;
  /** The last event folded into the row. */
  version: number;
  exercise: number;
  /** The incident's TLP: need-to-know applies to its metrics too. */
  tlp: string;
  customer_id: string | null;
  category: string | null;
  severity: string | null;
  status: string;
  reported_at: string;
  /** "YYYY-MM" of reported_at (UTC), the monthly group. */
  reported_month: string;
  occurred_at: string | null;
  detected_at: string | null;
  dp1_at: string | null;
  dp2_at: string | null;
  first_report_at: string | null;
  contained_at: string | null;
  resolved_at: string | null;
  /**
   * The durations in ms (end − start, null without both ends), worked out from the times above when the row is
   * written, so that reading 10,000 rows parses no dates.
   */
  detect_ms: number | null;
  dp1_ms: number | null;
  classify_ms: number | null;
  first_report_ms: number | null;
  contain_ms: number | null;
  resolve_ms: number | null;
  /** JSON [ref, StageOutcome][]: the stages with an outcome. */
  outcomes: string;
  instructions_requested: number;
  instructions_answered: number;
  /** JSON number[]: each answered instruction's answer time in ms. */
  instruction_answer_ms: string;
  /** JSON Record<"obligationId/stageId", StageFacts>. */
  stages: string;
  /** JSON Record<notificationId, InstructionFacts>. */
  instructions: string;
  /** JSON string[]: notify-customer messages not yet delivered (the fold's own bookkeeping). */
  pending: string;
}
