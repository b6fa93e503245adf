import type { Review, ReviewFields } from '../../shared/review-types.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { appendToReview } from './append-to-review.ts';
import { decideReviewUpdate } from './review.ts';

/** Saves what the team wrote: one review.updated with the changed fields and their previous values (none: no event). */
export function changeReview(
  deps: Deps,
  actor: Actor,
  idOrKey: string,
  input: { expectedVersion: number } & Partial<ReviewFields>,
): Promise<Review> {
  const { expectedVersion, ...changes } = input;
  if (changes.participants) changes.participants = changes.participants.map((p) => p.trim()).filter(Boolean);
  return appendToReview(deps, actor, idOrKey, (review) => decideReviewUpdate(review, { expectedVersion, changes }));
}
