import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { evolveReview, isReviewEvent } from './review.ts';
import { findReview, insertReview, updateReview, updateReviewCustomer } from './reviews.queries.ts';

/**
 * Keeps the reviews table in step with an incident change, in its transaction (as projectTasks does for tasks):
 * the review.* events are folded into the incident's one review row; the customer is copied when it moves.
 */
export async function projectReview(
  tx: Tx,
  previous: IncidentState,
  next: IncidentState,
  events: StoredEvent<IncidentEvent>[],
): Promise<void> {
  const reviewEvents = events.filter(isReviewEvent);
  if (reviewEvents.length) {
    const stored = (await findReview(tx, next.id)) ?? null;
    let row = stored;
    for (const event of reviewEvents) row = evolveReview(row, event, next.customerId);
    if (row && stored) await updateReview(tx, row);
    else if (row) await insertReview(tx, row);
  } else if (previous.customerId !== next.customerId) {
    await updateReviewCustomer(tx, next.id, next.customerId);
  }
}
