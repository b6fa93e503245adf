import type { Review } from '../../shared/review-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { appendToReview } from './append-to-review.ts';
import { decideReviewWaiver } from './review.ts';

/** Lets the incident close without a completed review, for a reason on the record (review.waived). */
export function waiveReview(
  deps: Deps,
  actor: Actor,
  idOrKey: string,
  input: { reason: string; expectedVersion?: number },
): Promise<Review> {
  return appendToReview(deps, actor, idOrKey, (review) => decideReviewWaiver(review, input.reason, input.expectedVersion));
}
