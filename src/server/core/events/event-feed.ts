import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { type Database, loadPg } from '../db/database.ts';
import { type StoredEvent, toStoredEvent } from './event-store.ts';
import {
  compareCursors,
  type FeedCursor,
  feedTail,
  horizonHolder,
  readFeed,
  wakeOthers,
  wakeOthersOn,
} from './events.queries.ts';

/**
 * Who may read a stream now (not when its events were written): its current customer and, when it is restricted
 * to named people, their user ids (null: everyone who may see the customer).
 */
export interface StreamAccess {
  customerId: string | null;
  readers: ReadonlySet<string> | null;
}

/** Looks up the current access of the streams of a page of events (one query per page, not per subscriber). */
export type AccessLookup = (events: StoredEvent[]) => Promise<ReadonlyMap<string, StreamAccess>>;

export interface Subscriber {
  /** Called for each event the subscriber may see, in the feed's order (each stream in seq order), never twice. */
  send(event: StoredEvent): void;
  /** access: the event's stream as it is now, when the lookup knows it. */
  canSee(event: StoredEvent, access: StreamAccess | undefined): boolean;
}

export interface EventFeed {
  /** Something was appended to these streams and committed here: read it and fan it out, and tell the other instances. */
  notify(streams: Iterable<string>): void;
  /** Delivers every event after the cursor, then live ones, with no gap and no duplicate. */
  subscribe(after: FeedCursor, subscriber: Subscriber): Promise<() => void>;
  stop(): Promise<void>;
}

interface FeedEvent {
  event: StoredEvent;
  key: FeedCursor;
  access: StreamAccess | undefined;
}

interface Entry {
  subscriber: Subscriber;
  lastSent: FeedCursor;
  buffer: FeedEvent[] | null;
}

const PAGE = 500;
/** While committed events wait behind a running transaction, read again after this long (doubling up to the poll). */
const WAITING_RETRY_MS = 5;
const POLL_MS = 2000;
/** Under a steady stream of appends, at most one wake-up of the other instances per this long (plus its round trip). */
const ANNOUNCE_GAP_MS = 5;
/** Events held back this long by one running transaction are worth a warning naming it. */
export const STUCK_WARN_MS = 10_000;
/** A wake-up names at most this many streams (a NOTIFY's payload is short); past it, it says "any stream". */
const NAMED_STREAMS = 150;

/** Whether every event up to the cursor has a transaction below the horizon: a read with it saw them all. */
function isFinalUpTo(horizon: number, cursor: FeedCursor): boolean {
  return cursor.position === 0 ? horizon >= cursor.xact : horizon > cursor.xact;
}

/** The other instances appended to these streams ('any': to streams not named, e.g. while the listener was away). */
export type AppendedElsewhere = (streams: ReadonlySet<string> | 'any') => void;

/** What a wake-up carries: who sent it, and the streams appended to since the one before (null: any). */
interface WakeUp {
  from: string;
  streams: string[] | null;
}

function parseWakeUp(payload: string | undefined): WakeUp | null {
  try {
    const value = JSON.parse(payload ?? '') as WakeUp;
    return typeof value?.from === 'string' && (value.streams === null || Array.isArray(value.streams)) ? value : null;
  } catch {
    return null;
  }
}

/**
 * One reader per instance tails the events table in the feed's order and fans events out to local subscribers.
 * Wake-ups come from local appends and, on PostgreSQL, from LISTEN (other instances); a slow poll covers
 * anything a lost connection may have missed. Reading the table, not the messages, is what rules out gaps; reading
 * only final events (readFeed) is what lets appends commit in any order (decision 0018).
 */
export function createEventFeed(
  database: Database,
  log: { warn(obj: unknown, msg?: string): void },
  options: { lookup?: AccessLookup; appendedElsewhere?: AppendedElsewhere } = {},
): EventFeed {
  const { lookup = async () => new Map(), appendedElsewhere = () => {} } = options;
  // This instance's name in its wake-ups, so that it knows its own when they come back.
  const self = randomUUID();
  const entries = new Set<Entry>();
  let cursor: FeedCursor = { xact: 0, position: 0 };
  let pumping = false;
  let again = false;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  let retryMs = WAITING_RETRY_MS;
  // The transaction events wait behind and since when, to warn once when it holds them back for long.
  let horizon = { xact: -1, since: 0, warned: false };

  const deliver = (entry: Entry, { event, key, access }: FeedEvent) => {
    if (compareCursors(key, entry.lastSent) <= 0) return;
    entry.lastSent = key;
    if (entry.subscriber.canSee(event, access)) entry.subscriber.send(event);
  };

  const readPage = async (after: FeedCursor) => {
    const page = await readFeed(database.db, database.dialect, after, PAGE);
    const events = page.rows.map((row) => ({ event: toStoredEvent(row), key: { xact: row.xact, position: row.position } }));
    const access = events.length ? await lookup(events.map((e) => e.event)) : new Map<string, StreamAccess>();
    return {
      events: events.map((e): FeedEvent => ({ ...e, access: access.get(e.event.streamId) })),
      full: events.length === PAGE,
      waiting: page.horizon?.waiting ?? false,
      horizon: page.horizon?.xact ?? 0,
    };
  };

  /** Committed events wait behind a running transaction: look again soon, and warn if it lasts. */
  const watch = (waiting: boolean, at: number) => {
    if (!waiting || stopped) {
      retryMs = WAITING_RETRY_MS;
      horizon = { xact: -1, since: 0, warned: false };
      return;
    }
    // Held since events were first seen waiting behind this transaction (not since the horizon last moved).
    if (at !== horizon.xact) horizon = { xact: at, since: Date.now(), warned: false };
    if (!horizon.warned && Date.now() - horizon.since >= STUCK_WARN_MS) {
      horizon.warned = true;
      const since = horizon.since;
      void horizonHolder(database.db, at)
        .catch(() => null)
        .then((holder) =>
          log.warn(
            { transaction: at, heldForMs: Date.now() - since, holder },
            'live events are held back behind a transaction that is still running; they are delivered when it ends',
          ),
        );
    }
    if (!retry) {
      retry = setTimeout(() => {
        retry = null;
        void pump();
      }, retryMs);
      retry.unref();
      retryMs = Math.min(retryMs * 2, POLL_MS);
    }
  };

  async function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        while (entries.size > 0 && !stopped) {
          const { events, full, waiting, horizon: at } = await readPage(cursor);
          for (const item of events) {
            cursor = item.key;
            for (const entry of entries) {
              if (entry.buffer) entry.buffer.push(item);
              else deliver(entry, item);
            }
          }
          if (events.length > 0) retryMs = WAITING_RETRY_MS;
          if (!full) {
            if (database.dialect === 'postgres') watch(waiting, at);
            break;
          }
        }
      } while (again && !stopped);
    } catch (error) {
      log.warn({ err: error }, 'event feed could not read new events; will retry');
    } finally {
      pumping = false;
    }
  }

  const poll = setInterval(() => entries.size > 0 && void pump(), POLL_MS);
  poll.unref();
  const onWakeUp = (payload: string | undefined) => {
    const wakeUp = parseWakeUp(payload);
    if (wakeUp?.from !== self) appendedElsewhere(wakeUp?.streams ? new Set(wakeUp.streams) : 'any');
    if (entries.size > 0) void pump();
  };
  const listener = database.dialect === 'postgres' && database.url ? listen(database.url, onWakeUp, log) : null;

  // One NOTIFY in flight at a time, then one more (ANNOUNCE_GAP_MS later) for whatever committed meanwhile: under
  // load many commits share a wake-up, and no append waits for the notification queue's lock (see insertEvents).
  // Each NOTIFY is a small write transaction of its own (the queue records its transaction id), hence the gap.
  let announcing = false;
  let announceAgain = false;
  let appendedHere = new Set<string>();
  const wakeUp = () => {
    const streams = appendedHere.size <= NAMED_STREAMS ? [...appendedHere] : null;
    appendedHere = new Set();
    return JSON.stringify({ from: self, streams } satisfies WakeUp);
  };
  const announce = async () => {
    if (announcing) {
      announceAgain = true;
      return;
    }
    announcing = true;
    try {
      for (;;) {
        announceAgain = false;
        // On the listener's connection when it is up: behind a busy pool the wake-up would wait its turn.
        const payload = wakeUp();
        await (listener?.connected() ? listener.wake(payload) : wakeOthers(database.db, payload));
        if (!announceAgain || stopped) break;
        await new Promise((r) => setTimeout(r, ANNOUNCE_GAP_MS));
      }
    } catch (error) {
      log.warn({ err: error }, 'could not wake the other instances; their 2 s poll will find the events');
    } finally {
      announcing = false;
    }
  };

  return {
    notify: (streams) => {
      if (entries.size > 0) void pump();
      if (database.dialect !== 'postgres' || stopped) return;
      for (const stream of streams) appendedHere.add(stream);
      void announce();
    },
    async subscribe(after, subscriber) {
      if (entries.size === 0) {
        const tail = await feedTail(database.db, database.dialect);
        // Another subscriber may have joined meanwhile, and the feed read on from where it started.
        if (entries.size === 0) cursor = tail;
      }
      const entry: Entry = { subscriber, lastSent: after, buffer: [] };
      entries.add(entry);
      // From here the feed's own reads fill the buffer; the catch-up reads everything up to here.
      const joinedAt = cursor;
      try {
        for (let waitMs = WAITING_RETRY_MS; ; ) {
          const { events, full, horizon } = await readPage(entry.lastSent);
          for (const item of events) deliver(entry, item);
          if (full) continue;
          if (database.dialect === 'sqlite' || isFinalUpTo(horizon, joinedAt)) break;
          // A read's horizon can be below an earlier read's (see FEED_HORIZON): the feed has read past it already.
          await new Promise((r) => setTimeout(r, waitMs));
          waitMs = Math.min(waitMs * 2, POLL_MS);
        }
      } catch (error) {
        entries.delete(entry);
        throw error;
      }
      const buffered = entry.buffer ?? [];
      entry.buffer = null;
      for (const item of buffered) deliver(entry, item);
      return () => entries.delete(entry);
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      if (retry) clearTimeout(retry);
      entries.clear();
      await listener?.close();
    },
  };
}

/** A dedicated connection that LISTENs for appends on other instances, reconnecting when lost. */
function listen(url: string, onNotify: (payload?: string) => void, log: { warn(obj: unknown, msg?: string): void }) {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    const c = new (loadPg().Client)({ connectionString: url });
    c.on('notification', (message) => onNotify(message.payload));
    c.on('error', (err) => {
      if (client === c) client = null;
      log.warn({ err }, 'event listener connection lost; reconnecting');
      c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(connect, 1000);
    });
    try {
      await c.connect();
      await c.query('LISTEN muster_events');
      client = c;
      if (closed) await c.end();
      onNotify(); // catch up on anything appended while disconnected (to any stream)
    } catch (err) {
      log.warn({ err }, 'event listener could not connect; retrying');
      c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(connect, 1000);
    }
  };
  void connect();
  return {
    connected: () => client !== null,
    /** Sends a wake-up on this connection (see wakeOthersOn). */
    wake: (payload: string) => (client ? wakeOthersOn(client, payload) : Promise.reject(new Error('not connected'))),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
