import type pg from 'pg';
import { type Database, loadPg } from '../db/database.ts';
import { type StoredEvent, toStoredEvent } from './event-store.ts';
import { lastPosition, readAfterPosition } from './events.queries.ts';

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
  /** Called for each event the subscriber may see, in position order, never twice. */
  send(event: StoredEvent): void;
  /** access: the event's stream as it is now, when the lookup knows it. */
  canSee(event: StoredEvent, access: StreamAccess | undefined): boolean;
}

export interface EventFeed {
  /** Something was appended (here, or on another instance): read it and fan it out. */
  notify(): void;
  /** Delivers every event after `afterPosition`, then live ones, with no gap and no duplicate. */
  subscribe(afterPosition: number, subscriber: Subscriber): Promise<() => void>;
  stop(): Promise<void>;
}

interface Entry {
  subscriber: Subscriber;
  lastSent: number;
  buffer: [StoredEvent, StreamAccess | undefined][] | null;
}

const PAGE = 500;

/**
 * One reader per instance tails the events table by position and fans events out to local subscribers.
 * Wake-ups come from local appends and, on PostgreSQL, from LISTEN (other instances); a slow poll covers
 * anything a lost connection may have missed. Reading the table, not the messages, is what rules out gaps.
 */
export function createEventFeed(
  database: Database,
  log: { warn(obj: unknown, msg?: string): void },
  lookup: AccessLookup = async () => new Map(),
): EventFeed {
  const entries = new Set<Entry>();
  let cursor = 0;
  let pumping = false;
  let again = false;
  let stopped = false;

  const deliver = (entry: Entry, event: StoredEvent, access: StreamAccess | undefined) => {
    if (event.position <= entry.lastSent) return;
    entry.lastSent = event.position;
    if (entry.subscriber.canSee(event, access)) entry.subscriber.send(event);
  };

  const readPage = async (after: number) => {
    const events = (await readAfterPosition(database.db, after, PAGE)).map(toStoredEvent);
    return { events, access: events.length ? await lookup(events) : new Map<string, StreamAccess>() };
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
          const { events, access } = await readPage(cursor);
          for (const event of events) {
            cursor = event.position;
            const current = access.get(event.streamId);
            for (const entry of entries) {
              if (entry.buffer) entry.buffer.push([event, current]);
              else deliver(entry, event, current);
            }
          }
          if (events.length < PAGE) break;
        }
      } while (again && !stopped);
    } catch (error) {
      log.warn({ err: error }, 'event feed could not read new events; will retry');
    } finally {
      pumping = false;
    }
  }

  const poll = setInterval(() => entries.size > 0 && void pump(), 2000);
  poll.unref();
  const listener = database.dialect === 'postgres' && database.url ? listen(database.url, () => void pump(), log) : null;

  return {
    notify: () => {
      if (entries.size > 0) void pump();
    },
    async subscribe(afterPosition, subscriber) {
      if (entries.size === 0) cursor = await lastPosition(database.db);
      const entry: Entry = { subscriber, lastSent: afterPosition, buffer: [] };
      entries.add(entry);
      try {
        for (;;) {
          const { events, access } = await readPage(entry.lastSent);
          for (const event of events) deliver(entry, event, access.get(event.streamId));
          if (events.length < PAGE) break;
        }
      } catch (error) {
        entries.delete(entry);
        throw error;
      }
      const buffered = entry.buffer ?? [];
      entry.buffer = null;
      for (const [event, access] of buffered) deliver(entry, event, access);
      return () => entries.delete(entry);
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      entries.clear();
      await listener?.close();
    },
  };
}

/** A dedicated connection that LISTENs for appends on other instances, reconnecting when lost. */
function listen(url: string, onNotify: () => void, log: { warn(obj: unknown, msg?: string): void }) {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    const c = new (loadPg().Client)({ connectionString: url });
    c.on('notification', onNotify);
    c.on('error', (err) => {
      log.warn({ err }, 'event listener connection lost; reconnecting');
      c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(connect, 1000);
    });
    try {
      await c.connect();
      await c.query('LISTEN muster_events');
      client = c;
      if (closed) await c.end();
      onNotify(); // catch up on anything appended while disconnected
    } catch (err) {
      log.warn({ err }, 'event listener could not connect; retrying');
      c.end().catch(() => undefined);
      if (!closed) retry = setTimeout(connect, 1000);
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
