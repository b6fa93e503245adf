import { EMPTY_REVIEW_FIELDS, type Review, type ReviewFindings, type ReviewStatus } from '../../shared/review-types.ts';
import { type Actor, can } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { readIncident } from '../incidents/read-incident.ts';
import { fieldsOf } from './review.ts';
import { reviewFindings } from './review-findings.ts';
import { reviewRequiredNow } from './review-gate.ts';
import { findReview, type ReviewRow } from './reviews.queries.ts';

/**
 * The incident's review as the API shows it: the team's fields and the findings, worked out from the record now
 * while it is open (so they are current), as frozen once completed. 404 for an incident the actor may not read,
 * and for one that has not reached review.
 */
export async function readReview(deps: Deps, actor: Actor, idOrKey: string): Promise<Review> {
  const { state } = await readIncident(deps, actor, idOrKey);
  const review = await presentReview(deps, actor, state);
  if (!review) throw new AppError('not_found', `${state.key} has no review: it opens when the incident enters review`);
  return review;
}

/** The review of an incident the actor may read (checked by the caller), or null before the incident reached review. */
export async function presentReview(deps: Deps, actor: Actor, state: IncidentState): Promise<Review | null> {
  const { db, dialect } = deps.database;
  const now = deps.clock.now();
  const row = await findReview(db, state.id);
  if (!row && state.status !== 'reviewing') return null;
  const findings: ReviewFindings = row?.findings ? JSON.parse(row.findings) : await reviewFindings(db, state, now);
  if (row) return reviewView(row, state, findings, actor);
  // Reached review before reviews existed: an empty open review, stored with its first change.
  const at = state.updatedAt;
  const required = await reviewRequiredNow(db, dialect, state, now);
  return {
    incidentId: state.id,
    status: 'open',
    required,
    fields: { ...EMPTY_REVIEW_FIELDS },
    findings,
    waiverReason: null,
    version: 0,
    openedAt: at,
    completedAt: null,
    completedBy: null,
    updatedAt: at,
    allowed: { change: mayChange(actor, state, 'open') },
  };
}

const mayChange = (actor: Actor, state: IncidentState, status: ReviewStatus) =>
  state.status === 'reviewing' && status === 'open' && can(actor, 'incident.change', state.customerId);

function reviewView(row: ReviewRow, state: IncidentState, findings: ReviewFindings, actor: Actor): Review {
  const status = row.status as ReviewStatus;
  return {
    incidentId: row.incident_id,
    status,
    required: Number(row.required) === 1,
    fields: fieldsOf(row),
    findings,
    waiverReason: row.waiver_reason,
    version: Number(row.version),
    openedAt: row.opened_at,
    completedAt: row.completed_at,
    completedBy: row.completed_by,
    updatedAt: row.updated_at,
    allowed: { change: mayChange(actor, state, status) },
  };
}
