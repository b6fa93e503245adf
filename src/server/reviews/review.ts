import type { FieldChanges } from '../../shared/field-changes.ts';
import type { Severity } from '../../shared/incident-vocabulary.ts';
import {
  DEFAULT_REVIEW_SEVERITIES,
  EMPTY_REVIEW_FIELDS,
  type ReviewFields,
  type ReviewStatus,
} from '../../shared/review-types.ts';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import { AppError } from '../core/errors.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import type { ReviewRow } from './reviews.queries.ts';

// The review's rules, pure: whether an incident needs one, what a change to it appends, and how its events fold
// into its row. The row is a projection of the review.* events (project-review.ts), so it can be rebuilt from them.

export type ReviewEvent = Extract<IncidentEvent, { type: `review.${string}` }>;

export const isReviewEvent = (e: StoredEvent<IncidentEvent>): e is StoredEvent<ReviewEvent> => e.type.startsWith('review.');

/** Whether an incident of this severity needs a completed (or waived) review to close; no severity: the default's rule. */
export function reviewRequired(severity: Severity | null, setting: readonly Severity[] | undefined): boolean {
  if (!severity) return false;
  return (setting ?? DEFAULT_REVIEW_SEVERITIES).includes(severity);
}

/** The review as the rules see it: its status and version (none yet: null). */
export interface ReviewSnapshot {
  status: ReviewStatus;
  version: number;
  fields: ReviewFields;
}

export function reviewSnapshot(row: ReviewRow | undefined): ReviewSnapshot | null {
  if (!row) return null;
  return { status: row.status as ReviewStatus, version: Number(row.version), fields: fieldsOf(row) };
}

export function fieldsOf(row: Pick<ReviewRow, 'fields'>): ReviewFields {
  return { ...EMPTY_REVIEW_FIELDS, ...(JSON.parse(row.fields) as Partial<ReviewFields>) };
}

/** Changes go to an open review of an incident in review; a stale expectedVersion is 409 naming it. */
function assertOpen(review: ReviewSnapshot, expectedVersion: number | undefined, doing: string): void {
  if (expectedVersion !== undefined && expectedVersion !== review.version) {
    throw new AppError(
      'conflict',
      `The review changed since you loaded it (version ${expectedVersion}, now ${review.version}); reload and try again`,
      'expectedVersion',
    );
  }
  if (review.status !== 'open') {
    throw new AppError('conflict', `The review is ${review.status}; it cannot be ${doing} any more`);
  }
}

const FIELD_NAMES = Object.keys(EMPTY_REVIEW_FIELDS) as (keyof ReviewFields)[];

/** One review.updated with the fields that differ and what they were; none when nothing differs. */
export function decideReviewUpdate(
  review: ReviewSnapshot,
  input: { expectedVersion?: number; changes: Partial<ReviewFields> },
): ReviewEvent[] {
  assertOpen(review, input.expectedVersion, 'changed');
  const changed: FieldChanges<ReviewFields> = { changes: {}, previous: {} };
  for (const field of FIELD_NAMES) {
    const value = input.changes[field];
    if (value === undefined || JSON.stringify(value) === JSON.stringify(review.fields[field])) continue;
    (changed.changes as Record<string, unknown>)[field] = value;
    (changed.previous as Record<string, unknown>)[field] = review.fields[field];
  }
  return Object.keys(changed.changes).length ? [{ type: 'review.updated', data: changed }] : [];
}

export function decideReviewComplete(review: ReviewSnapshot, expectedVersion: number | undefined, now: Date): ReviewEvent[] {
  assertOpen(review, expectedVersion, 'completed');
  return [{ type: 'review.completed', data: { at: now.toISOString() } }];
}

export function decideReviewWaiver(review: ReviewSnapshot, reason: string, expectedVersion: number | undefined): ReviewEvent[] {
  if (!reason.trim()) throw new AppError('invalid', 'Say why the incident may close without a review', 'reason');
  assertOpen(review, expectedVersion, 'waived');
  return [{ type: 'review.waived', data: { reason: reason.trim() } }];
}

/**
 * Pure: the row after a review event. Opening again (the incident came back to review after a reopen) keeps what
 * the team wrote and clears the completion, the waiver and the frozen findings.
 */
export function evolveReview(row: ReviewRow | null, event: StoredEvent<ReviewEvent>, customerId: string | null): ReviewRow {
  const at = event.recordedAt;
  if (event.type === 'review.opened') {
    const required = event.data.required ? 1 : 0;
    if (!row) {
      return {
        incident_id: event.streamId,
        customer_id: customerId,
        status: 'open',
        required,
        fields: JSON.stringify(EMPTY_REVIEW_FIELDS),
        findings: null,
        waiver_reason: null,
        version: 1,
        opened_at: at,
        completed_at: null,
        completed_by: null,
        updated_at: at,
      };
    }
    return {
      ...row,
      status: 'open',
      required,
      findings: null,
      waiver_reason: null,
      completed_at: null,
      completed_by: null,
      opened_at: at,
      version: Number(row.version) + 1,
      updated_at: at,
    };
  }
  if (!row) throw new Error(`${event.type} on ${event.streamId} before review.opened`);
  const next: ReviewRow = { ...row, version: Number(row.version) + 1, updated_at: at };
  switch (event.type) {
    case 'review.updated':
      next.fields = JSON.stringify({ ...fieldsOf(row), ...event.data.changes });
      break;
    case 'review.completed':
      next.status = 'completed';
      next.completed_at = event.data.at;
      next.completed_by = event.actor.name;
      break;
    case 'review.waived':
      next.status = 'waived';
      next.waiver_reason = event.data.reason;
      next.completed_by = event.actor.name;
      break;
  }
  return next;
}
