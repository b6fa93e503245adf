import type { RecordEvent } from '../../shared/timeline-events.ts';
import type { RecordsTable } from '../core/db/schema.ts';
import type { StoredEvent } from '../core/events/event-store.ts';
import { jsonDifferences, type Replay, same, shown } from './verify-stream.ts';

/** A plan version as its publication on the customer's stream recorded it. */
export interface PlanPublication {
  planVersionId: string;
  customerId: string;
  version: number;
  sha256: string;
}

export interface RecordState {
  kind: string;
  customerId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  publications: PlanPublication[];
}

/** The fold of a registry object's stream (`<kind>.created`, `.updated` with changes and previous values, `.archived`). */
export function evolveRecord(state: RecordState | null, event: StoredEvent<RecordEvent>): RecordState {
  if (!state) {
    if (!isCreation(event)) throw new Error(`the stream starts with ${event.type}, not with a creation`);
    const { customerId, ...data } = event.data;
    return {
      kind: event.type.slice(0, -'.created'.length),
      customerId: customerId ?? null,
      data,
      createdAt: event.recordedAt,
      updatedAt: event.recordedAt,
      archivedAt: null,
      publications: [],
    };
  }
  const next = { ...state, updatedAt: event.recordedAt };
  if (event.type === `${state.kind}.updated` && isUpdate(event)) {
    const data = { ...state.data };
    const { changes, previous } = event.data;
    // A field in `previous` but not in `changes` was removed (its new value was undefined, which JSON leaves out).
    for (const field of new Set([...Object.keys(previous ?? {}), ...Object.keys(changes ?? {})])) {
      if (field in (changes ?? {})) data[field] = changes[field];
      else delete data[field];
    }
    next.data = data;
  } else if (event.type === `${state.kind}.archived`) {
    next.archivedAt = event.recordedAt;
  } else if (event.type === 'plan.published' && typeof event.data.planVersionId === 'string') {
    const { planVersionId, version, sha256 } = event.data;
    next.publications = [...state.publications, { planVersionId, customerId: event.streamId, version, sha256 }];
  }
  return next;
}

type Creation = Extract<RecordEvent, { type: `${string}.created` }>;
type Update = Extract<RecordEvent, { type: `${string}.updated` }>;

function isCreation(event: RecordEvent): event is Creation {
  return event.type.endsWith('.created');
}

function isUpdate(event: RecordEvent): event is Update {
  return event.type.endsWith('.updated');
}

const COLUMNS = [
  ['kind', 'kind', (s: RecordState) => s.kind],
  ['customer_id', 'customer', (s: RecordState) => s.customerId],
  ['created_at', 'creation time', (s: RecordState) => s.createdAt],
  ['updated_at', 'time of the last change', (s: RecordState) => s.updatedAt],
  ['archived_at', 'archiving time', (s: RecordState) => s.archivedAt],
] as const;

/** A record's row must hold what its history says: its kind, customer, times and every field of its data. */
export function recordReplay(row: RecordsTable): Replay<RecordState, 'record'> {
  return {
    kind: 'record',
    stored: { version: Number(row.version), head: row.head_hash },
    evolve: evolveRecord,
    customerOf: (state) => state.customerId,
    differences(state) {
      const out: string[] = [];
      for (const [column, words, value] of COLUMNS) {
        if (!same(row[column], value(state))) {
          out.push(`its ${words} (records.${column}) is ${shown(row[column])} but its history says ${shown(value(state))}`);
        }
      }
      const inData = jsonDifferences('data (records.data)', row.data, state.data);
      return [...out, ...inData.map((d) => d.replace('but its stream says', 'but its history says'))];
    },
  };
}
