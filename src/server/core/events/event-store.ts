import type { Dialect } from '../db/database.ts';
import type { Tx } from '../db/transaction.ts';
import { type EventRow, insertEvents } from './events.queries.ts';
import { canonicalJson, hashEvent } from './hash-chain.ts';

/** Who caused an event, as recorded on the timeline (the name at that moment, for the audit trail). */
export interface EventActor {
  id: string;
  name: string;
}

export interface NewEvent {
  type: string;
  data: Record<string, unknown>;
}

/** Where an event is delivered: what kind of stream it belongs to and which customer it concerns (null: none). */
export interface EventRoute {
  streamType: 'incident' | 'record' | 'plan' | 'triage';
  customerId: string | null;
}

export interface StoredEvent extends EventRoute {
  position: number;
  streamId: string;
  seq: number;
  type: string;
  actor: EventActor;
  occurredAt: string;
  recordedAt: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface StreamHead {
  seq: number;
  hash: string;
}

// Transactions that appended events: only their commits need to wake the live feed (see core/commit.ts).
const appending = new WeakSet<Tx>();

/** Whether events were appended in this transaction (with group commit: in the batch it belongs to). */
export function appendedIn(tx: Tx): boolean {
  return appending.has(tx);
}

/**
 * Appends events to a stream after head, chaining their hashes. A concurrent append at the same
 * seq fails on the unique (stream_id, seq) constraint, so the caller can reload and retry.
 */
export async function appendEvents(
  tx: Tx,
  dialect: Dialect,
  streamId: string,
  head: StreamHead,
  events: NewEvent[],
  by: EventActor,
  now: Date,
  route: EventRoute,
): Promise<StoredEvent[]> {
  // Only who it was goes on the record: never the caller's role, memberships or how they signed in.
  const actor: EventActor = { id: by.id, name: by.name };
  if (events.length) appending.add(tx);
  const recordedAt = now.toISOString();
  const actorText = canonicalJson(actor);
  const chained: (Omit<StoredEvent, 'position' | keyof EventRoute> & { dataText: string })[] = [];
  let prevHash = head.hash;
  let seq = head.seq;
  for (const event of events) {
    seq += 1;
    // What is hashed is exactly the text that is stored, and what is returned is that text read back.
    const dataText = canonicalJson(event.data);
    const fields = {
      streamId,
      seq,
      type: event.type,
      actor,
      occurredAt: recordedAt,
      recordedAt,
      data: JSON.parse(dataText),
      prevHash,
    };
    const hash = hashEvent(fields, dataText, actorText);
    chained.push({ ...fields, hash, dataText });
    prevHash = hash;
  }
  const positions = await insertEvents(
    tx,
    dialect,
    chained.map((e) => ({
      stream_id: e.streamId,
      seq: e.seq,
      type: e.type,
      actor: actorText,
      occurred_at: e.occurredAt,
      recorded_at: e.recordedAt,
      data: e.dataText,
      prev_hash: e.prevHash,
      hash: e.hash,
      stream_type: route.streamType,
      customer_id: route.customerId,
    })),
  );
  return chained.map(({ dataText, ...e }, i) => ({ ...e, ...route, position: positions[i] }));
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return withActor(row, JSON.parse(row.actor));
}

function withActor(row: EventRow, actor: EventActor): StoredEvent {
  return {
    position: row.position,
    streamId: row.stream_id,
    seq: row.seq,
    type: row.type,
    actor,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    data: JSON.parse(row.data),
    prevHash: row.prev_hash,
    hash: row.hash,
    streamType: row.stream_type as EventRoute['streamType'],
    customerId: row.customer_id,
  };
}

/** toStoredEvent for many rows. A timeline has few distinct actors, so each actor's JSON is parsed once. */
export function toStoredEvents(rows: EventRow[]): StoredEvent[] {
  const actors = new Map<string, EventActor>();
  return rows.map((row) => {
    let actor = actors.get(row.actor);
    if (!actor) {
      actor = JSON.parse(row.actor) as EventActor;
      actors.set(row.actor, actor);
    }
    return withActor(row, actor);
  });
}
