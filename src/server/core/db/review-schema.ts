// The row shapes of reviews and their actions (see schema.ts for the conventions of every row shape).

/**
 * An incident's post-incident review: a projection of the review.* events on the incident's timeline, written in the
 * same transaction as they are appended. One per incident, opened when it enters `reviewing`.
 */
export interface ReviewsTable {
  incident_id: string;
  customer_id: string | null;
  /** ReviewStatus (src/shared/review-types.ts). */
  status: string;
  /** 1 when the incident may not close without it completed or waived. */
  required: number;
  /** JSON ReviewFields. */
  fields: string;
  /** JSON of the findings from the record, frozen when completed; null while open (they are worked out on reading). */
  findings: string | null;
  waiver_reason: string | null;
  /** Increases with every change; the API's expectedVersion. */
  version: number;
  opened_at: string;
  completed_at: string | null;
  completed_by: string | null;
  updated_at: string;
}

/**
 * An action from a review: a projection of the action.* events on its incident's timeline. The incident's key, title,
 * customer and exercise flag are copies kept by the same writer, so "My actions" and the dashboard read one table.
 */
export interface ReviewActionsTable {
  id: string;
  incident_id: string;
  customer_id: string | null;
  incident_key: string;
  incident_title: string;
  exercise: number;
  title: string;
  detail: string;
  owner_id: string | null;
  owner_name: string | null;
  due_at: string | null;
  /** due_at, or '9999-12-31T23:59:59.999Z' without one: the same order on both dialects. */
  due_key: string;
  /** ActionStatus. */
  status: string;
  /** 1 when done or cancelled. */
  finished: number;
  /** JSON ActionTarget, or null. */
  target: string | null;
  /** The target's customer: publishing that customer's plan may complete the action. */
  target_customer_id: string | null;
  /** When someone acted on the target (opened its draft), and the playbook record worked on. */
  drafted_at: string | null;
  draft_record_id: string | null;
  /** The plan version that completed it. */
  plan_version_id: string | null;
  done_at: string | null;
  /** When its owner was told it fell due (for the due time it has now; a new due time clears it). */
  reminded_at: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}
