import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Database } from '../core/db/database.ts';
import { appendEvents } from '../core/events/event-store.ts';
import { streamHead, wakeOthers } from '../core/events/events.queries.ts';
import { connectSse } from '../testing/sse-client.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// Appends commit in any order (no lock serialises them), on two instances; subscribers are cut off at random moments
// and resume with Last-Event-ID, on either instance. Each must end with every event exactly once, each stream in seq
// order. On PostgreSQL a writer in this process also holds its transactions open for a few ms after inserting and
// takes its transaction id before reading the stream's head, so that events commit out of position order, and a
// stream's next event can come from a transaction older than the one that wrote its previous event.
const WRITE_MS = 5000;
const HTTP_WRITERS = 12;
const SUBSCRIBERS_PER_INSTANCE = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

for (const dialect of await testDialects()) {
  describe(`live stream resumption under concurrent writers on ${dialect}`, () => {
    let a: TestServer;
    let b: TestServer;
    let direct: Database | null = null;
    let token: string;

    before(async () => {
      a = await startTestServer({ dialect });
      // On SQLite there is one writer and one instance: the same scenario through one.
      b = dialect === 'postgres' ? await startTestServer({ testDb: a.testDb }) : a;
      if (dialect === 'postgres') direct = a.testDb.openAnother();
      token = await a.userToken('admin');
    });
    after(async () => {
      await direct?.close();
      if (b !== a) await b?.close();
      await a?.close();
    });

    const post = async (server: TestServer, url: string, body: unknown) => {
      const res = await server.request('POST', url, { token, body });
      // A note racing many others on one incident may give up after its retries: that is an answer, not a loss.
      const text = await res.text();
      assert.ok(res.status === 201 || res.status === 409, `${url} answered ${res.status}: ${text}`);
      return res.status === 201 ? (JSON.parse(text) as { id: string }) : null;
    };

    /**
     * Appends notes straight through the event store. A quick writer holds its transaction open after its insert
     * (its position commits after later ones); a slow one takes its transaction id, then waits for a younger
     * transaction to append to the stream and builds on the head that one wrote.
     */
    async function directWriter(database: Database, streams: string[], until: number, slow: boolean) {
      const actor = { id: 'direct-writer', name: 'Direct writer' };
      while (Date.now() < until) {
        const streamId = streams[between(0, streams.length)];
        try {
          await database.db.transaction().execute(async (tx) => {
            await sql`select pg_current_xact_id()`.execute(tx);
            let head = await streamHead(tx, streamId);
            // Slow: wait (a while at most) for a younger transaction to append to the stream, and build on that.
            for (const first = head.seq, since = Date.now(); slow && head.seq === first && Date.now() - since < 100; ) {
              await sleep(3);
              head = await streamHead(tx, streamId);
            }
            await appendEvents(
              tx,
              'postgres',
              streamId,
              { seq: head.seq, hash: head.hash as string },
              [{ type: 'note.added', data: { body: 'direct' } }],
              actor,
              new Date(),
              { streamType: 'incident', customerId: null },
            );
            if (!slow) await sleep(between(0, 10));
          });
          // As every writer does after its commit (core/commit.ts through the feed), but naming no stream.
          await wakeOthers(database.db, '');
        } catch (error) {
          // Two direct writers took the same seq: the later one's append fails on the unique constraint, as designed.
          if (!String((error as { code?: string }).code).startsWith('23505')) throw error;
        }
      }
    }

    /** Reads the stream in short connections cut at random moments, each resuming from the last id received. */
    async function subscriber(first: TestServer, until: () => boolean) {
      const received: number[] = [];
      let lastId = '0';
      for (let turn = 0; !until(); turn++) {
        const on = turn % 2 ? (first === a ? b : a) : first;
        const stream = await connectSse(`${on.url}/api/v1/stream`, { authorization: `Bearer ${token}`, 'last-event-id': lastId });
        await sleep(between(20, 300));
        stream.close();
        for (const m of stream.messages) received.push(Number(m.id));
        if (stream.messages.length) lastId = stream.messages[stream.messages.length - 1].id as string;
      }
      return received;
    }

    it('gives every resuming subscriber every event once, each stream in seq order, with writers on both instances', async (t) => {
      const incidents = await Promise.all(
        Array.from({ length: 16 }, (_, i) => post(i % 2 ? b : a, '/api/v1/incidents', { title: `Busy ${i}` })),
      );
      const ids = incidents.map((x) => (x as { id: string }).id);
      // The direct writer's own incidents: the HTTP writers leave them alone (it does not move their projection).
      const directStreams = ids.slice(13);
      const httpStreams = ids.slice(0, 13);
      const until = Date.now() + WRITE_MS;
      let writing = true;
      let expected: Set<number> | null = null;

      const subscribers = [a, b]
        .filter((s, i) => i === 0 || s !== a)
        .flatMap((server) =>
          Array.from({ length: SUBSCRIBERS_PER_INSTANCE }, () =>
            // Cut at random moments while anything is written, then once more to the end.
            subscriber(server, () => !writing).then(async (received) => {
              while (!expected) await sleep(20);
              const last = received.length ? String(received[received.length - 1]) : '0';
              const tail = await connectSse(`${server.url}/api/v1/stream`, {
                authorization: `Bearer ${token}`,
                'last-event-id': last,
              });
              const want = expected.size - new Set(received).size;
              await tail.waitFor(want, 15_000).catch(() => undefined);
              await sleep(200); // time for a duplicate to arrive
              tail.close();
              return [...received, ...tail.messages.map((m) => Number(m.id))];
            }),
          ),
        );

      const writers = [
        ...Array.from({ length: HTTP_WRITERS }, async (_, w) => {
          const server = w % 2 ? b : a;
          while (Date.now() < until) {
            if (Math.random() < 0.1) await post(server, '/api/v1/incidents', { title: `New from writer ${w}` });
            else await post(server, `/api/v1/incidents/${httpStreams[between(0, httpStreams.length)]}/notes`, { body: `w${w}` });
          }
        }),
        ...(direct
          ? Array.from({ length: 5 }, (_, w) =>
              // Each slow writer has a stream of its own (two would wake together on one head and collide).
              directWriter(direct as Database, w < 2 ? [directStreams[w]] : directStreams, until, w < 2),
            )
          : []),
      ];
      await Promise.all(writers);
      writing = false;

      const rows = await a.deps.database.db
        .selectFrom('events')
        .select(['position', 'stream_id', 'seq', 'stream_type'])
        .where('stream_type', '<>', 'custody')
        .execute();
      expected = new Set(rows.map((r) => Number(r.position)));
      const where = new Map(rows.map((r) => [Number(r.position), { stream: r.stream_id, seq: r.seq }]));
      const directEvents = rows.filter((r) => directStreams.includes(r.stream_id) && r.seq > 1).length;
      if (direct) assert.ok(directEvents > 10, `only ${directEvents} direct appends`);
      assert.ok(expected.size > 100, `only ${expected.size} events written`);

      // Events whose order key was raised to their stream's previous event's (see insertEvents): the case occurred.
      const raised = direct
        ? Number(
            (await sql<{ n: string }>`select count(*) as n from events where not (xid(xact_id) = xmin)`.execute(direct.db))
              .rows[0].n,
          )
        : 0;
      const results = await Promise.all(subscribers);
      t.diagnostic(
        `${expected.size} events (${directEvents} by the direct writer, ${raised} raised), ${results.length} subscribers`,
      );
      for (const [n, received] of results.entries()) {
        const unique = new Set(received);
        assert.equal(received.length, unique.size, `subscriber ${n} received ${received.length - unique.size} duplicates`);
        const missing: number[] = [...expected].filter((p) => !unique.has(p));
        const extra: number[] = received.filter((p) => !expected?.has(p));
        assert.deepEqual(
          { missing: missing.slice(0, 10), extra: extra.slice(0, 10) },
          { missing: [], extra: [] },
          `subscriber ${n}: ${missing.length} missing, ${extra.length} unknown of ${expected.size}`,
        );
        const lastSeq = new Map<string, number>();
        for (const position of received) {
          const { stream, seq } = where.get(position) as { stream: string; seq: number };
          const before = lastSeq.get(stream) ?? 0;
          assert.equal(seq, before + 1, `subscriber ${n}: ${stream} went from seq ${before} to ${seq}`);
          lastSeq.set(stream, seq);
        }
      }
    });
  });
}
