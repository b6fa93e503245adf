import type { ReviewStatus } from '../../shared/review-types.ts';
import type { Dialect } from '../core/db/database.ts';
import type { Tx } from '../core/db/transaction.ts';
import { incidentSnapshot } from '../deadlines/incident-snapshot.ts';
import { effectiveSeverity } from '../incidents/incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import type { ReviewGate } from '../incidents/lifecycle.ts';
import { reviewRequired } from './review.ts';
import { findReview } from './reviews.queries.ts';

/**
 * Whether the incident needs a review now, by the review severities of its customer in the incident's plan (the
 * linked published version, as for the first report setting; no customer: DEFAULT_REVIEW_SEVERITIES).
 */
export async function reviewRequiredNow(tx: Tx, dialect: Dialect, state: IncidentState, now: Date): Promise<boolean> {
  const plan = await incidentSnapshot(tx, dialect, state, now);
  return reviewRequired(effectiveSeverity(state), plan?.snapshot.customer.reviewSeverities);
}

/**
 * What the review says for the lifecycle rules: whether it is required (as recorded when it opened) and its status.
 * An incident that reached review before reviews existed has no row: required by today's rule, status null.
 */
export async function reviewGateOf(tx: Tx, dialect: Dialect, state: IncidentState, now: Date): Promise<ReviewGate> {
  const row = await findReview(tx, state.id);
  if (row)
    return { required: Number(row.required) === 1, status: row.status as ReviewStatus, severity: effectiveSeverity(state) };
  return { required: await reviewRequiredNow(tx, dialect, state, now), status: null, severity: effectiveSeverity(state) };
}

/** Entering review (again, after a reopen): whether the review it opens is required, by today's severity and setting. */
export async function reviewGateOnEntering(tx: Tx, dialect: Dialect, state: IncidentState, now: Date): Promise<ReviewGate> {
  return { required: await reviewRequiredNow(tx, dialect, state, now), status: null, severity: effectiveSeverity(state) };
}
