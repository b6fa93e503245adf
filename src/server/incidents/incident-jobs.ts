import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { enqueue } from '../core/jobs/jobs.ts';
import type { IncidentState } from './incident-state.ts';

/** Prepares the first report to the customer (see notifications/prepare-customer-report.ts). */
export const CUSTOMER_REPORT_JOB = 'incident.prepare-customer-report';

/** Work that follows from an incident change in other domains, enqueued in the change's own transaction. */
export async function enqueueFollowUps(
  tx: Tx,
  state: IncidentState,
  events: StoredEvent<IncidentEvent>[],
  now: Date,
): Promise<void> {
  const confirmed = events.some((e) => e.type === 'decision.recorded' && e.data.point === 'DP1' && e.data.outcome === 'incident');
  if (confirmed && state.customerId) {
    await enqueue(
      tx,
      { name: CUSTOMER_REPORT_JOB, payload: { incidentId: state.id }, uniqueKey: `customer-report:${state.id}` },
      now,
    );
  }
}
