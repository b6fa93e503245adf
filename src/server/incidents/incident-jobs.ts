import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { enqueue } from '../core/jobs/jobs.ts';
import type { IncidentState } from './incident-state.ts';

/**
 * The first report to the customer (see notifications/first-customer-report.ts). The name is the one jobs were
 * queued under when the report was only prepared as a draft at DP1, so those still run.
 */
export const CUSTOMER_REPORT_JOB = 'incident.prepare-customer-report';

/** When the first report job looks: a suspected attack was reported, or the incident was confirmed at DP1. */
export type FirstReportMoment = 'reported' | 'dp1';

export interface CustomerReportPayload {
  incidentId: string;
  /** Absent on jobs queued before there was a choice: DP1. */
  moment?: FirstReportMoment;
}

/** Whether these events make the incident a reported attack of its customer: reported so, or turned into one. */
function becameAttack(state: IncidentState, events: StoredEvent<IncidentEvent>[]): boolean {
  if (state.origin !== 'attack') return false;
  return events.some(
    (e) =>
      e.type === 'incident.reported' ||
      (e.type === 'incident.updated' && ('origin' in e.data.changes || 'customerId' in e.data.changes)),
  );
}

/**
 * Work that follows from an incident change in other domains, enqueued in the change's own transaction: one
 * row per job, nothing read, so a report stays cheap; the job reads the plan and decides what it does.
 */
export async function enqueueFollowUps(
  tx: Tx,
  state: IncidentState,
  events: StoredEvent<IncidentEvent>[],
  now: Date,
): Promise<void> {
  if (!state.customerId) return;
  const job = (moment: FirstReportMoment, uniqueKey: string) => {
    const payload: CustomerReportPayload = { incidentId: state.id, moment };
    return enqueue(tx, { name: CUSTOMER_REPORT_JOB, payload, uniqueKey }, now);
  };
  if (becameAttack(state, events)) await job('reported', `customer-report:attack:${state.id}:${state.customerId}`);
  const confirmed = events.some((e) => e.type === 'decision.recorded' && e.data.point === 'DP1' && e.data.outcome === 'incident');
  if (confirmed) await job('dp1', `customer-report:${state.id}`);
}
