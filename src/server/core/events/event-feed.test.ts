import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { ADMIN_URL, createTestDb, type TestDatabase, testDialects } from '../../testing/test-db.ts';
import type { Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrations.ts';
import type { Tx } from '../db/transaction.ts';
import { createEventFeed } from './event-feed.ts';
import { appendEvents, type StoredEvent } from './event-store.ts';
import { FEED_START, type FeedCursor, feedCursorAt, feedTail, readFeed, streamHead } from './events.queries.ts';

const actor = { id: 'feed-test', name: 'Feed test' };

/** Appends one note to a stream in tx, on its current head. */
async function note(tx: Tx, database: Database, streamId: string, body: string) {
  const head = await streamHead(tx, streamId);
  const [event] = await appendEvents(
    tx,
    database.dialect,
    streamId,
    { seq: head.seq, hash: head.hash ?? '0'.repeat(64) },
    [{ type: 'note.added', data: { body } }],
    actor,
    new Date(),
    { streamType: 'incident', customerId: null },
  );
  return event;
}

/**
 * Everything the feed gives after a cursor, read to the end: [stream, seq, body] in the feed's order. Transaction
 * ids are cluster-wide, so another database's running transaction (a test beside this one) may hold events back
 * for a moment: read until none waits.
 */
async function readAll(database: Database, from: FeedCursor = FEED_START) {
  const out: [string, number, string][] = [];
  let cursor = from;
  for (const since = Date.now(); Date.now() - since < 5000; ) {
    const { rows, horizon } = await readFeed(database.db, database.dialect, cursor, 2);
    for (const row of rows) {
      out.push([row.stream_id, row.seq, JSON.parse(row.data).body]);
      cursor = { xact: row.xact, position: row.position };
    }
    if (rows.length === 2) continue;
    if (!horizon?.waiting) return out;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('events still held back after 5 s');
}

/** A transaction that runs body, stays open until release(), then runs then: its outcome is done. */
function openTransaction(database: Database, body: (tx: Tx) => Promise<void>, then?: (tx: Tx) => Promise<unknown>) {
  let release = () => {};
  const released = new Promise<void>((r) => {
    release = r;
  });
  let ready = () => {};
  const started = new Promise<void>((r) => {
    ready = r;
  });
  const done = database.db.transaction().execute(async (tx) => {
    await body(tx);
    ready();
    await released;
    await then?.(tx);
  });
  return { started, release, done };
}

for (const dialect of await testDialects()) {
  describe(`the live feed's reads on ${dialect}`, () => {
    let testDb: TestDatabase;
    let database: Database;
    before(async () => {
      testDb = await createTestDb(dialect);
      database = testDb.database;
      await migrateToLatest(database.db, dialect);
    });
    after(() => testDb.drop());

    it('reads each stream in seq order, events of many streams each once', async () => {
      for (let i = 0; i < 5; i++)
        for (const stream of ['s1', 's2', 's3'])
          await database.db.transaction().execute((tx) => note(tx, database, stream, `${stream}-${i}`));
      const read = await readAll(database);
      assert.equal(read.length, 15);
      for (const stream of ['s1', 's2', 's3'])
        assert.deepEqual(
          read.filter(([s]) => s === stream).map(([, seq]) => seq),
          [1, 2, 3, 4, 5],
        );
    });

    if (dialect === 'postgres') {
      it('holds back a committed event while an older transaction is still running, then reads both', async () => {
        const start = (await readAll(database)).length;
        // The older transaction has its id and an event of its own, uncommitted.
        const older = openTransaction(database, async (tx) => {
          await note(tx, database, 'held-a', 'older');
        });
        await older.started;
        await database.db.transaction().execute((tx) => note(tx, database, 'held-b', 'younger'));
        const whileRunning = await readFeed(database.db, dialect, FEED_START, 1000);
        assert.equal(whileRunning.rows.length, start, 'the younger commit waits behind the running older transaction');
        assert.equal(whileRunning.horizon?.waiting, true);
        older.release();
        await older.done;
        const read = (await readAll(database)).slice(start).map(([, , body]) => body);
        assert.deepEqual(read, ['older', 'younger']);
      });

      it('does not wait for a transaction running in another database of the cluster', async () => {
        const start = (await readAll(database)).length;
        // A session on another database holds a transaction id open, older than the append below.
        const elsewhere = new pg.Client({ connectionString: ADMIN_URL });
        await elsewhere.connect();
        try {
          await elsewhere.query('begin');
          await elsewhere.query('select pg_current_xact_id()');
          await database.db.transaction().execute((tx) => note(tx, database, 'elsewhere', 'not held'));
          const read = await readFeed(database.db, dialect, FEED_START, 1000);
          assert.equal(read.rows.length, start + 1, "the event is read while the other database's transaction runs");
          assert.equal(read.horizon?.waiting, false);
        } finally {
          await elsewhere.query('rollback').catch(() => undefined);
          await elsewhere.end();
        }
      });

      it('gives subscribers that join while it runs every later event once, while other databases commit all the time', async () => {
        // Transactions of the other database end between a read's snapshot and its look at pg_stat_activity: such a
        // read counts one of them as running, and its horizon is lower than the read before it (a cluster shared
        // with other applications, or the test files beside this one).
        const other = await createTestDb('postgres');
        await sql`create table churn (x integer)`.execute(other.database.db);
        let writing = true;
        const churners = Array.from({ length: 12 }, async () => {
          while (writing)
            await other.database.db.transaction().execute(async (tx) => {
              await sql`insert into churn values (1)`.execute(tx);
              await new Promise((r) => setTimeout(r, Math.random() * 5));
            });
        });
        const feed = createEventFeed(database, { warn: () => {} });
        const subscribe = async (after: FeedCursor) => {
          const got: StoredEvent[] = [];
          await feed.subscribe(after, { canSee: () => true, send: (e) => got.push(e) });
          return got;
        };
        try {
          // The first subscriber keeps the feed reading; it gets everything from here on, the reference.
          const all = await subscribe(await feedTail(database.db, dialect));
          const writers = Array.from({ length: 4 }, async (_, w) => {
            for (let i = 0; writing; i++) {
              await database.db.transaction().execute((tx) => note(tx, database, `join-${w}`, `${w}-${i}`));
              feed.notify([`join-${w}`]);
            }
          });
          // Each resumes after one of the last events the first subscriber got, as a client with Last-Event-ID does.
          const joiners: { from: number; got: StoredEvent[] }[] = [];
          for (const until = Date.now() + 3000; Date.now() < until; ) {
            await new Promise((r) => setImmediate(r));
            if (all.length < 50) continue;
            const from = all.length - Math.floor(Math.random() * 50);
            const resumeAt = (await feedCursorAt(database.db, dialect, all[from - 1].position)) as FeedCursor;
            joiners.push({ from, got: await subscribe(resumeAt) });
          }
          writing = false;
          await Promise.all([...writers, ...churners]);
          const written = await sql<{ n: string }>`select count(*) as n from events where stream_id like 'join-%'`.execute(
            database.db,
          );
          for (const since = Date.now(); all.length < Number(written.rows[0].n) && Date.now() - since < 5000; )
            await new Promise((r) => setTimeout(r, 20));
          assert.equal(all.length, Number(written.rows[0].n), 'the first subscriber got every event');
          await new Promise((r) => setTimeout(r, 100));
          assert.ok(joiners.length > 50, `only ${joiners.length} joined`);
          for (const [n, { from, got }] of joiners.entries()) {
            const want = all.slice(from).map((e) => e.position);
            const have = new Set(got.map((e) => e.position));
            const missing = want.filter((p) => !have.has(p));
            assert.deepEqual(
              { missing: missing.slice(0, 5), duplicates: got.length - have.size },
              { missing: [], duplicates: 0 },
              `joiner ${n} of ${joiners.length}: ${missing.length} of ${want.length} events missing`,
            );
          }
        } finally {
          writing = false;
          await Promise.all(churners);
          await feed.stop();
          await other.drop();
        }
      });

      it('keeps a stream in seq order when its next event comes from a transaction older than its head', async () => {
        // The older transaction takes its id first, then builds on the event a younger transaction committed meanwhile.
        const older = openTransaction(
          database,
          async (tx) => {
            await sql`select pg_current_xact_id()`.execute(tx);
          },
          (tx) => note(tx, database, 'raised', 'second'),
        );
        await older.started;
        await database.db.transaction().execute((tx) => note(tx, database, 'raised', 'first'));
        older.release();
        await older.done;
        const read = (await readAll(database)).filter(([s]) => s === 'raised');
        assert.deepEqual(read, [
          ['raised', 1, 'first'],
          ['raised', 2, 'second'],
        ]);
        // Its order key was raised to the head's: it is not its own transaction id.
        const { rows } = await sql<{ seq: number }>`
          select seq from events where stream_id = 'raised' and not (xid(xact_id) = xmin)`.execute(database.db);
        assert.deepEqual(
          rows.map((r) => r.seq),
          [2],
        );
      });
    }
  });
}
