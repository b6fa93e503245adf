import { type QueryCreator, sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
import { prepared } from '../db/prepared.ts';
import type { DB, EventsTable } from '../db/schema.ts';
import type { Tx } from '../db/transaction.ts';

export type EventRow = Omit<EventsTable, 'position' | 'stream_type' | 'xact_id'> & { position: number; stream_type: string };

const EVENT_COLUMNS = [
  'stream_id',
  'seq',
  'type',
  'actor',
  'occurred_at',
  'recorded_at',
  'data',
  'prev_hash',
  'hash',
  'stream_type',
  'customer_id',
] as const;

// shape = number of rows. SQLite (one writer, AUTOINCREMENT) numbers the rows of one insert consecutively,
// so the last insert id gives every position; PostgreSQL returns them.
//
// PostgreSQL: xact_id is this transaction's id, raised to the xact_id of the stream's previous event when that is
// higher, so that the feed's order (xact_id, position) keeps each stream in seq order even when this transaction
// got its id before the writer of the previous event did (it wrote something else first). Raising keeps the feed's
// rule sound: xact_id is never below the writer's own id, so "xact_id below the oldest running transaction" still
// means "written by a finished transaction".
/** The insert of count events (slots `<column><i>`), for insertEvents and for statements that write more. */
export function eventInsert(db: QueryCreator<DB>, slot: (name: string) => never, dialect: Dialect, count: number) {
  const rows = Array.from({ length: count }, (_, i) => {
    const row: Record<string, unknown> = Object.fromEntries(EVENT_COLUMNS.map((c) => [c, slot(`${c}${i}`)]));
    if (dialect === 'postgres') row.xact_id = raisedXactId(slot, i);
    return row as never;
  });
  return db.insertInto('events').values(rows);
}

const raisedXactId = (slot: (name: string) => never, i: number) =>
  sql`greatest(pg_current_xact_id(), (select h.xact_id from events h where h.stream_id = ${slot(`stream_id${i}`)} order by h.seq desc limit 1))`;

/**
 * PostgreSQL: eventInsert's events, written only if the table `guard` (a CTE of the same statement) has a row.
 * The values are typed here, as a select does not take them from the columns as a VALUES list does.
 */
export function eventInsertIf(db: QueryCreator<DB>, guard: string, slot: (name: string) => never, count: number) {
  const selects = Array.from({ length: count }, (_, i) =>
    db
      .selectFrom(sql.table(guard).as('guard'))
      .select([
        ...EVENT_COLUMNS.map((c) => sql`cast(${slot(`${c}${i}`)} as ${sql.raw(c === 'seq' ? 'integer' : 'text')})`.as(c)),
        raisedXactId(slot, i).as('xact_id'),
      ]),
  );
  const rows = selects.slice(1).reduce((union, select) => union.unionAll(select as never), selects[0]);
  return db
    .insertInto('events')
    .columns([...EVENT_COLUMNS, 'xact_id'])
    .expression(rows as never);
}

const insertEventsQuery = prepared<{ position: number; seq: number }>((db, slot, dialect, count) => {
  const query = eventInsert(db, slot, dialect, count);
  return dialect === 'postgres' ? query.returning(['position', 'seq']) : query;
});

/** The values of eventInsert's slots for these rows. */
export function eventValues(rows: Omit<EventRow, 'position'>[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    for (const column of EVENT_COLUMNS) values[`${column}${i}`] = row[column];
  });
  return values;
}

/** PostgreSQL: the positions of the rows, in their order, from what the insert returned (position and seq). */
export function positionsOf(rows: Omit<EventRow, 'position'>[], returned: { position: number; seq: number }[]): number[] {
  const positionOfSeq = new Map(returned.map((r) => [r.seq, Number(r.position)]));
  return rows.map((r) => positionOfSeq.get(r.seq) as number);
}

/**
 * Inserts events. Appends to different streams do not wait for each other: the live feed orders events by
 * (xact_id, position) and reads only those of finished transactions (see readFeed), so nothing needs positions
 * to commit in order. No NOTIFY here: a transaction that notifies takes one cluster-wide lock from its commit to
 * its end, which would serialise appends again; the feed wakes the other instances after the commit (wakeOthers).
 */
export async function insertEvents(tx: Tx, dialect: Dialect, rows: Omit<EventRow, 'position'>[]): Promise<number[]> {
  const result = await insertEventsQuery(tx, dialect, eventValues(rows), rows.length);
  if (dialect === 'sqlite') {
    const last = Number(result.insertId);
    return rows.map((_, i) => last - rows.length + 1 + i);
  }
  return positionsOf(rows, result.rows);
}

export function readStream(tx: Tx, streamId: string, afterSeq = 0, limit = 10_000): Promise<EventRow[]> {
  return tx
    .selectFrom('events')
    .selectAll()
    .where('stream_id', '=', streamId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute() as Promise<EventRow[]>;
}

/** The columns of a stream's events that its timeline shows (readStream without the route columns), in order. */
export type TimelineRow = Omit<EventRow, 'stream_type' | 'customer_id'>;

export function readTimelineRows(tx: Tx, streamId: string, afterSeq = 0, limit = 10_000): Promise<TimelineRow[]> {
  return tx
    .selectFrom('events')
    .select(['position', 'stream_id', 'seq', 'type', 'actor', 'occurred_at', 'recorded_at', 'data', 'prev_hash', 'hash'])
    .where('stream_id', '=', streamId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute() as Promise<TimelineRow[]>;
}

/**
 * Where the live feed stands: just after the event (xact, position). The feed's order is (xact_id, position) on
 * PostgreSQL and position on SQLite (xact 0 for every event there, and for PostgreSQL events written before 0019).
 */
export interface FeedCursor {
  xact: number;
  position: number;
}

/** Before every event. */
export const FEED_START: FeedCursor = { xact: 0, position: 0 };

export function compareCursors(a: FeedCursor, b: FeedCursor): number {
  return a.xact - b.xact || a.position - b.position;
}

export interface FeedPage {
  rows: (EventRow & { xact: number })[];
  /**
   * PostgreSQL: the oldest transaction still running when the page was read (every event below it is final),
   * and whether committed events wait behind it; null on SQLite.
   */
  horizon: { xact: number; waiting: boolean } | null;
}

/**
 * The feed's horizon in the statement's snapshot: the oldest transaction still running that may write to this
 * database's events, or the next transaction id when none is. Transaction ids are cluster-wide, so a plain
 * `pg_snapshot_xmin` would hold the feed back behind a long transaction in any other database of the cluster; a
 * running transaction is left out only when pg_stat_activity shows it on another database (or none). Whatever it
 * cannot place (it ended meanwhile, a prepared transaction, a session the role may not see without
 * pg_read_all_stats) still counts, so a race or missing privilege only delays events, never skips one. The same
 * race makes a read's horizon now and then lower than the read's before it (one in a hundred, with another
 * database busy): a reader that joins one already running must not take its own read for the whole story.
 */
const FEED_HORIZON = sql<string>`(
  select coalesce(
    (select min(x) from pg_snapshot_xip(s.snap) as x
      where xid(x) not in (
        select backend_xid from pg_stat_activity
        where backend_xid is not null and datname is distinct from current_database())),
    pg_snapshot_xmax(s.snap))
  from (select pg_current_snapshot() as snap) as s)`;

/**
 * The next events after a cursor in the feed's order, only final ones: on PostgreSQL those of transactions below
 * the statement's snapshot xmin. Every transaction below xmin has finished and every new writer gets an id at or
 * above it (and an xact_id at or above its id), so the set read is complete and nothing can later appear before
 * its end. pg_current_snapshot() is the statement's own snapshot in READ COMMITTED: the rows read and the horizon
 * agree. A long-running writer of this database holds the horizon back: events wait, none is lost (see FEED_HORIZON).
 */
export async function readFeed(tx: Tx, dialect: Dialect, after: FeedCursor, limit: number): Promise<FeedPage> {
  if (dialect === 'sqlite') {
    const rows = await tx
      .selectFrom('events')
      .selectAll()
      .where('position', '>', after.position)
      .orderBy('position')
      .limit(limit)
      .execute();
    return { rows: rows.map((r) => ({ ...(r as EventRow), xact: 0 })), horizon: null };
  }
  // waiting: max() reads one entry at the end of the (xact_id, position) index; an EXISTS with a range on the
  // run-time horizon was planned as a scan of the whole table (76 ms at 94,000 events, on every read of the feed).
  const { rows } = await sql<EventRow & { xact_id: string | null; horizon: string; waiting: boolean }>`
    select h.horizon::text as horizon, w.waiting, e.*
    from (select ${FEED_HORIZON} as horizon) h
    cross join lateral (select coalesce((select max(p.xact_id) from events p) >= h.horizon, false) as waiting) w
    left join lateral (
      select * from events
      where (xact_id, position) > (${String(after.xact)}::xid8, ${after.position}) and xact_id < h.horizon
      order by xact_id, position
      limit ${limit}
    ) e on true`.execute(tx);
  const first = rows[0];
  return {
    rows: rows
      .filter((r) => r.xact_id !== null)
      .map(({ horizon, waiting, xact_id, ...row }) => ({ ...row, xact: Number(xact_id) }) as EventRow & { xact: number }),
    horizon: { xact: Number(first.horizon), waiting: first.waiting },
  };
}

/**
 * The cursor of a live stream that starts now: after every event already final (on PostgreSQL, events of
 * transactions still running or finished just now come after it and are delivered).
 */
export async function feedTail(tx: Tx, dialect: Dialect): Promise<FeedCursor> {
  if (dialect === 'sqlite') {
    const row = await tx
      .selectFrom('events')
      .select((eb) => eb.fn.max('position').as('max'))
      .executeTakeFirst();
    return { xact: 0, position: Number(row?.max ?? 0) };
  }
  const { rows } = await sql<{ horizon: string }>`select ${FEED_HORIZON}::text as horizon`.execute(tx);
  return { xact: Number(rows[0].horizon), position: 0 };
}

/** The cursor just after the event at this position (a Last-Event-ID); null when there is no such event. */
export async function feedCursorAt(tx: Tx, dialect: Dialect, position: number): Promise<FeedCursor | null> {
  if (dialect === 'sqlite') {
    const row = await tx.selectFrom('events').select('position').where('position', '=', position).executeTakeFirst();
    return row ? { xact: 0, position } : null;
  }
  const { rows } = await sql<{
    xact_id: string;
  }>`select xact_id::text as xact_id from events where position = ${position}`.execute(tx);
  return rows[0] ? { xact: Number(rows[0].xact_id), position } : null;
}

/** Wakes the feeds of every instance (PostgreSQL LISTEN): in a transaction of its own, after the appends committed. */
export async function wakeOthers(tx: Tx, payload: string): Promise<void> {
  await sql`select pg_notify('muster_events', ${payload})`.execute(tx);
}

/** wakeOthers on a connection of the caller's own (the listener's), so that it waits for no pooled connection. */
export async function wakeOthersOn(client: { query(text: string, values: unknown[]): Promise<unknown> }, payload: string) {
  await client.query(`select pg_notify('muster_events', $1)`, [payload]);
}

/** The transaction holding the feed's horizon back (PostgreSQL): who it is, for the operator's log. */
export async function horizonHolder(tx: Tx, horizon: number): Promise<Record<string, unknown> | null> {
  const { rows } = await sql<Record<string, unknown>>`
    select pid, datname as database, usename as user, application_name, client_addr, state, xact_start,
           left(query, 200) as query
    from pg_stat_activity where backend_xid = xid(${String(horizon)}::xid8)
    union all
    select null, database, owner, null, null, 'prepared', prepared, gid
    from pg_prepared_xacts where transaction = xid(${String(horizon)}::xid8)
    limit 1`.execute(tx);
  return rows[0] ?? null;
}

export async function listStreamIds(tx: Tx): Promise<string[]> {
  const rows = await tx.selectFrom('events').select('stream_id').distinct().execute();
  return rows.map((r) => r.stream_id);
}

/** The last event of a stream (seq 0 and no hash for a stream that has none yet). */
export async function streamHead(tx: Tx, streamId: string): Promise<{ seq: number; hash: string | null }> {
  const row = await tx
    .selectFrom('events')
    .select(['seq', 'hash'])
    .where('stream_id', '=', streamId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { seq: row.seq, hash: row.hash } : { seq: 0, hash: null };
}

/** Every event type stored, with the kind of stream it is on. */
export function storedEventTypes(tx: Tx): Promise<{ stream_type: string; type: string }[]> {
  return tx.selectFrom('events').select(['stream_type', 'type']).distinct().orderBy('type').execute();
}
