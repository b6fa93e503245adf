import type { StreamEvents, StreamType, TimelineEventBody } from '../../../shared/timeline-events.ts';
import type { Dialect } from '../db/database.ts';
import type { Tx } from '../db/transaction.ts';
import { type EventRow, insertEvents } from './events.queries.ts';
import { canonicalJson, hashEvent } from './hash-chain.ts';

/** Who caused an event, as recorded on the timeline (the name at that moment, for the audit trail). */
export interface EventActor {
  id: string;
  name: string;
}

/** Where an event is delivered: what kind of stream it belongs to and which customer it concerns (null: none). */
export interface EventRoute<S extends StreamType = StreamType> {
  streamType: S;
  customerId: string | null;
}

/** What every stored event has besides its type and data. */
export interface StoredEventFields extends EventRoute {
  position: number;
  streamId: string;
  seq: number;
  actor: EventActor;
  occurredAt: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/**
 * An event as stored and read back; E narrows it to the events of one stream (src/shared/timeline-events.ts
 * names them). Events are only ever appended through appendEvents, so what is read back has those shapes.
 */
export type StoredEvent<E extends TimelineEventBody = TimelineEventBody> = StoredEventFields & E;

export interface StreamHead {
  seq: number;
  hash: string;
}

// Transactions that appended events, and to which streams: only their commits need to wake the live feed, and the
// other instances are told which streams moved (see core/commit.ts).
const appending = new WeakMap<Tx, Set<string>>();

/** The streams this transaction appended to (with group commit: the batch it belongs to); undefined: none. */
export function appendedIn(tx: Tx): ReadonlySet<string> | undefined {
  return appending.get(tx);
}

/**
 * Appends events to a stream after head, chaining their hashes. A concurrent append at the same
 * seq fails on the unique (stream_id, seq) constraint, so the caller can reload and retry.
 */
export async function appendEvents<S extends StreamType>(
  tx: Tx,
  dialect: Dialect,
  streamId: string,
  head: StreamHead,
  events: StreamEvents[S][],
  by: EventActor,
  now: Date,
  route: EventRoute<S>,
): Promise<StoredEvent<StreamEvents[S]>[]> {
  const chain = chainEvents(tx, streamId, head, events, by, now, route);
  return chain.stored(await insertEvents(tx, dialect, chain.rows));
}

/** Events chained after a stream's head, not yet stored: the rows to insert, and the events once stored. */
export interface ChainedEvents<E extends TimelineEventBody> {
  rows: Omit<EventRow, 'position'>[];
  /** The events as stored (what appendEvents returns), given the positions the rows were stored at. */
  stored(positions: number[]): StoredEvent<E>[];
  /** The events without their positions (null), for folding into a state before they are stored. */
  unstored(): StoredEvent<E>[];
}

/**
 * appendEvents without the insert, for a caller that stores the rows in a statement that writes more (the
 * incident's own row with them, on PostgreSQL): the transaction counts as appending once this is called.
 */
export function chainEvents<S extends StreamType>(
  tx: Tx,
  streamId: string,
  head: StreamHead,
  events: StreamEvents[S][],
  by: EventActor,
  now: Date,
  route: EventRoute<S>,
): ChainedEvents<StreamEvents[S]> {
  // Only who it was goes on the record: never the caller's role, memberships or how they signed in.
  const actor: EventActor = { id: by.id, name: by.name };
  if (events.length) appending.set(tx, (appending.get(tx) ?? new Set()).add(streamId));
  const recordedAt = now.toISOString();
  const actorText = canonicalJson(actor);
  const chained: (Omit<StoredEventFields, 'position' | keyof EventRoute> & { type: string; data: unknown; dataText: string })[] =
    [];
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
  const rows = chained.map((e) => ({
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
  }));
  // Each is one of `events` with its data read back from the stored text: the same type and shape.
  const withPositions = (positions: (number | null)[]) =>
    chained.map(
      ({ dataText, ...e }, i) => ({ ...e, ...route, position: positions[i] }) as unknown as StoredEvent<StreamEvents[S]>,
    );
  return { rows, stored: withPositions, unstored: () => withPositions(chained.map(() => null)) };
}

/** The events of one kind of stream among events (a stream holds the events of its own kind only). */
export function ofStream<S extends StreamType>(events: StoredEvent[], streamType: S): StoredEvent<StreamEvents[S]>[] {
  return events.filter((e) => e.streamType === streamType) as StoredEvent<StreamEvents[S]>[];
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return withActor(row, JSON.parse(row.actor));
}

function withActor(row: EventRow, actor: EventActor): StoredEvent {
  return {
    position: row.position,
    streamId: row.stream_id,
    seq: row.seq,
    // The stored type and data are what appendEvents wrote: one of the declared events of the stream.
    type: row.type as TimelineEventBody['type'],
    actor,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    data: JSON.parse(row.data),
    prevHash: row.prev_hash,
    hash: row.hash,
    streamType: row.stream_type as StreamType,
    customerId: row.customer_id,
  } as StoredEvent;
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
