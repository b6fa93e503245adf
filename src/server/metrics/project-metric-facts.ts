import type { IncidentEvent } from '../../shared/timeline-events.ts';
import type { Tx } from '../core/db/transaction.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { evolve } from '../incidents/incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { foldMetricFacts, METRIC_EVENTS } from './metric-facts.ts';
import { findMetricFacts, saveMetricFacts } from './metrics.queries.ts';

/**
 * Keeps an incident's metric facts with its timeline, in the transaction that appends the events: before is the
 * incident's state ahead of them (null: they start the timeline). Events no fact depends on cost no write.
 */
export async function projectMetricFacts(
  tx: Tx,
  before: IncidentState | null,
  events: readonly StoredEvent<IncidentEvent>[],
): Promise<void> {
  if (!events.some((e) => METRIC_EVENTS.has(e.type))) return;
  let facts = before ? await findMetricFacts(tx, before.id) : null;
  let state = before;
  for (const event of events) {
    state = evolve(state, event);
    facts = foldMetricFacts(facts, state, event);
  }
  if (facts) await saveMetricFacts(tx, facts);
}
