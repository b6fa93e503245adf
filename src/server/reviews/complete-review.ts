import type { Review, ReviewFindings } from '../../shared/review-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { appendToReview } from './append-to-review.ts';
import { decideReviewComplete } from './review.ts';
import { reviewFindings } from './review-findings.ts';
import { setReviewFindings } from './reviews.queries.ts';

/** Completes the review: review.completed, and its findings frozen as the record says them now, in one transaction. */
export function completeReview(deps: Deps, actor: Actor, idOrKey: string, expectedVersion?: number): Promise<Review> {
  let findings: ReviewFindings | null = null;
  return appendToReview(
    deps,
    actor,
    idOrKey,
    async (review, tx, state, now) => {
      const events = decideReviewComplete(review, expectedVersion, now);
      findings = await reviewFindings(tx, state, now);
      return events;
    },
    async (tx, next) => {
      if (findings) await setReviewFindings(tx, next.id, JSON.stringify(findings));
    },
  );
}
