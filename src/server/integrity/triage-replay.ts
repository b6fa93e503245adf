import type { Selectable } from 'kysely';
import type { TriageEvent } from '../../shared/timeline-events.ts';
import type { TriageItemsTable } from '../core/db/alerts-schema.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { type Replay, same, shown } from './verify-stream.ts';

export interface TriageState {
  kind: string;
  title: string;
  status: string;
  incidentId: string | null;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** undefined: the events do not say (streams recorded before the customer was put in their data). */
  customerId: string | null | undefined;
  createdAt: string;
}

/** The fold of a triage item's stream: what it is, and every decision on it with who and when. */
export function evolveTriage(state: TriageState | null, event: StoredEvent<TriageEvent>): TriageState {
  const d = event.data;
  const customer = 'customerId' in d ? (d.customerId ?? null) : undefined;
  if (!state) {
    if (event.type !== 'triage.group_opened' && event.type !== 'triage.reported') {
      throw new Error(`the stream starts with ${event.type}, not with the item's arrival`);
    }
    return {
      kind: event.type === 'triage.group_opened' ? 'alerts' : event.data.kind,
      title: event.data.title,
      status: 'triage',
      incidentId: null,
      decisionReason: null,
      decidedBy: null,
      decidedAt: null,
      customerId: customer,
      createdAt: event.recordedAt,
    };
  }
  const decided = { decidedBy: event.actor.name, decidedAt: event.recordedAt };
  switch (event.type) {
    case 'triage.incident_opened':
    case 'triage.attached':
      return {
        ...state,
        ...decided,
        status: 'incident',
        incidentId: event.data.incidentId,
        decisionReason: null,
        customerId: customer,
      };
    case 'triage.dismissed':
      return { ...state, ...decided, status: 'dismissed', decisionReason: event.data.reason };
    default:
      return state;
  }
}

type Row = Selectable<TriageItemsTable>;

const COLUMNS: [keyof Row, string, (s: TriageState) => unknown][] = [
  ['kind', 'kind', (s) => s.kind],
  ['title', 'title', (s) => s.title],
  ['status', 'status', (s) => s.status],
  ['incident_id', 'incident', (s) => s.incidentId],
  ['decision_reason', 'decision reason', (s) => s.decisionReason],
  ['decided_by', 'decider', (s) => s.decidedBy],
  ['decided_at', 'decision time', (s) => s.decidedAt],
  ['customer_id', 'customer', (s) => s.customerId],
  ['created_at', 'arrival time', (s) => s.createdAt],
];

/**
 * A triage item's row must agree with its stream on what the stream records. Counts, severity, description and
 * the reporter are not on the stream, so they cannot be checked against it.
 */
export function triageReplay(row: Row): Replay<TriageState, 'triage'> {
  return {
    kind: 'triage',
    stored: { version: Number(row.version), head: row.head_hash },
    evolve: evolveTriage,
    customerOf: (state) => state.customerId,
    differences(state) {
      const out: string[] = [];
      for (const [column, words, value] of COLUMNS) {
        const expected = value(state);
        if (expected === undefined) continue;
        if (!same(row[column], expected)) {
          out.push(`its ${words} (triage_items.${column}) is ${shown(row[column])} but its stream says ${shown(expected)}`);
        }
      }
      return out;
    },
  };
}
