import type { Dialect } from '../db/database.ts';
import { prepared } from '../db/prepared.ts';
import type { EventsTable } from '../db/schema.ts';
import type { Tx } from '../db/transaction.ts';

export type EventRow = Omit<EventsTable, 'position' | 'stream_type'> & { position: number; stream_type: string };

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
const insertEventsQuery = prepared<{ position: number; seq: number }>((db, slot, dialect, count) => {
  const query = db
    .insertInto('events')
    .values(
      Array.from({ length: count }, (_, i) => Object.fromEntries(EVENT_COLUMNS.map((c) => [c, slot(`${c}${i}`)])) as never),
    );
  return dialect === 'postgres' ? query.returning(['position', 'seq']) : query;
});

/**
 * Inserts events. On PostgreSQL a transaction-scoped advisory lock makes positions commit in order,
 * so a reader that has seen position N has seen everything before it. After the commit, core/commit.ts wakes the
 * other instances (core/events/notify-instances.ts).
 */
export async function insertEvents(tx: Tx, dialect: Dialect, rows: Omit<EventRow, 'position'>[]): Promise<number[]> {
  const values: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    for (const column of EVENT_COLUMNS) values[`${column}${i}`] = row[column];
  });
  const result = await insertEventsQuery(tx, dialect, values, rows.length);
  if (dialect === 'sqlite') {
    const last = Number(result.insertId);
    return rows.map((_, i) => last - rows.length + 1 + i);
  }
  const positionOfSeq = new Map(result.rows.map((r) => [r.seq, Number(r.position)]));
  return rows.map((r) => positionOfSeq.get(r.seq) as number);
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

export function readAfterPosition(tx: Tx, position: number, limit: number): Promise<EventRow[]> {
  return tx
    .selectFrom('events')
    .selectAll()
    .where('position', '>', position)
    .orderBy('position')
    .limit(limit)
    .execute() as Promise<EventRow[]>;
}

export async function lastPosition(tx: Tx): Promise<number> {
  const row = await tx
    .selectFrom('events')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
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
