import type { Review } from '../../shared/review-types.ts';
import { EMPTY_REVIEW_FIELDS } from '../../shared/review-types.ts';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Actor } from '../auth/policy.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { Deps } from '../core/deps.ts';
import { AppError } from '../core/errors.ts';
import { appendToIncident, type IncidentChange } from '../incidents/change-incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { readReview } from './read-review.ts';
import { type ReviewEvent, type ReviewSnapshot, reviewSnapshot } from './review.ts';
import { reviewRequiredNow } from './review-gate.ts';
import { findReview } from './reviews.queries.ts';

/**
 * A change to an incident's review, on the incident's timeline through the one change path: the incident must be
 * in review and the actor allowed to change it (404 when it may not read it, 403 when it may only read). A review
 * of an incident that reached review before reviews existed is opened first, in the same transaction.
 */
export async function appendToReview(
  deps: Deps,
  actor: Actor,
  idOrKey: string,
  decideReview: (review: ReviewSnapshot, tx: Tx, state: IncidentState, now: Date) => Promise<ReviewEvent[]> | ReviewEvent[],
  alongside?: IncidentChange['alongside'],
): Promise<Review> {
  const { state } = await appendToIncident(deps, actor, idOrKey, {
    async decide(tx, incident, now): Promise<IncidentEvent[]> {
      if (incident.status !== 'reviewing') {
        throw new AppError(
          'conflict',
          incident.status === 'closed'
            ? `${incident.key} is closed; reopen it to change its review`
            : `${incident.key} is ${incident.status}; its review opens when it enters review`,
        );
      }
      const row = await findReview(tx, incident.id);
      const opening: ReviewEvent[] = row
        ? []
        : [{ type: 'review.opened', data: { required: await reviewRequiredNow(tx, deps.database.dialect, incident, now) } }];
      const review = reviewSnapshot(row) ?? { status: 'open', version: 0, fields: { ...EMPTY_REVIEW_FIELDS } };
      const events = await decideReview(review, tx, incident, now);
      return events.length ? [...opening, ...events] : [];
    },
    alongside,
  });
  return readReview(deps, actor, state.id);
}
