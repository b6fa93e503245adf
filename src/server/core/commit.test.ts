import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { connectSse } from '../testing/sse-client.ts';
import { createTestDb, type TestDatabase, testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { commit } from './commit.ts';
import type { Database } from './db/database.ts';
import { migrateToLatest } from './db/migrations.ts';
import type { Tx } from './db/transaction.ts';
import { createEventFeed } from './events/event-feed.ts';
import { appendEvents } from './events/event-store.ts';
import { GENESIS_HASH } from './events/hash-chain.ts';
import { enqueue } from './jobs/jobs.ts';

const actor = { id: 'u1', name: 'Una' };
const route = { streamType: 'record' as const, customerId: null };

for (const dialect of await testDialects()) {
  describe(`commit on ${dialect}`, () => {
    let testDb: TestDatabase;
    let calls: string[];
    const deps = () => ({
      database: testDb.database as Database,
      feed: { notify: () => calls.push('feed'), subscribe: async () => () => {}, stop: async () => {} },
      jobs: { wake: () => calls.push('jobs') },
    });
    before(async () => {
      testDb = await createTestDb(dialect);
      await migrateToLatest(testDb.database.db, dialect);
    });
    after(() => testDb.drop());

    it('wakes the live feed after a commit that appended events, and only then', async () => {
      calls = [];
      const now = new Date();
      await commit(deps(), (tx) =>
        appendEvents(
          tx,
          dialect,
          `s-${dialect}-1`,
          { seq: 0, hash: GENESIS_HASH },
          [{ type: 'service.archived', data: {} }],
          actor,
          now,
          route,
        ),
      );
      assert.deepEqual(calls, ['feed']);
    });

    it('wakes the job worker after a commit that enqueued a job', async () => {
      calls = [];
      await commit(deps(), (tx) => enqueue(tx, { name: 'nothing', payload: {} }, new Date()));
      assert.deepEqual(calls, ['jobs']);
    });

    it('announces nothing for a transaction that wrote neither, or that rolled back', async () => {
      calls = [];
      await commit(deps(), async () => 1);
      await assert.rejects(
        commit(deps(), async (tx) => {
          await appendEvents(
            tx,
            dialect,
            `s-${dialect}-2`,
            { seq: 0, hash: GENESIS_HASH },
            [{ type: 'service.archived', data: {} }],
            actor,
            new Date(),
            route,
          );
          throw new Error('changed my mind');
        }),
        /changed my mind/,
      );
      assert.deepEqual(calls, []);
    });

    if (dialect === 'postgres') {
      it('wakes the other instances with a NOTIFY after an appending commit, and not for one that rolled back', async () => {
        calls = [];
        const listener = new pg.Client({ connectionString: testDb.url as string });
        await listener.connect();
        const heard: number[] = [];
        listener.on('notification', () => heard.push(performance.now()));
        await listener.query('LISTEN muster_events');
        // The real feed: it is what wakes the other instances once a commit that appended has returned.
        const feed = createEventFeed(testDb.database as Database, { warn: () => {} });
        const append = (tx: Tx, streamId: string) =>
          appendEvents(
            tx,
            dialect,
            streamId,
            { seq: 0, hash: GENESIS_HASH },
            [{ type: 'service.archived', data: {} }],
            actor,
            new Date(),
            route,
          );
        try {
          await assert.rejects(
            commit({ ...deps(), feed }, async (tx) => {
              await append(tx, 's-postgres-3');
              throw new Error('changed my mind');
            }),
          );
          await new Promise((r) => setTimeout(r, 300));
          assert.equal(heard.length, 0, 'a rolled-back append woke the other instances');
          const committed = performance.now();
          await commit({ ...deps(), feed }, (tx) => append(tx, 's-postgres-4'));
          for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
          assert.equal(heard.length, 1, 'no NOTIFY after the commit');
          assert.ok(heard[0] >= committed);
        } finally {
          await feed.stop();
          await listener.end();
        }
      });
    }
  });

  describe(`every writer reaches open streams at once on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin');
    });
    after(() => server.close());

    // The feed also polls every 2 s; five changes in a row all arriving well within that rules the poll out.
    const eachArrivesQuickly = async (change: (i: number) => Promise<void>) => {
      const stream = await connectSse(`${server.url}/api/v1/stream`, { authorization: `Bearer ${admin}` });
      try {
        for (let i = 0; i < 5; i++) {
          const sent = performance.now();
          await change(i);
          await stream.waitFor(i + 1, 3000);
          const took = performance.now() - sent;
          assert.ok(took < 400, `change ${i} reached the stream after ${Math.round(took)} ms`);
        }
      } finally {
        stream.close();
      }
    };

    it('registry saves', async () => {
      await eachArrivesQuickly(async (i) => {
        const res = await server.request('POST', '/api/v1/customers', { token: admin, body: { name: `Live ${dialect} ${i}` } });
        assert.equal(res.status, 201);
      });
    });

    it('public reports filed for triage', async () => {
      const setting = await server.request('PUT', '/api/v1/settings/public-report-form', {
        token: admin,
        body: { enabled: true, intro: '' },
      });
      assert.equal(setting.status, 200);
      await eachArrivesQuickly(async (i) => {
        const res = await fetch(`${server.url}/report`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ kind: 'phishing', description: `A strange mail asking for passwords, number ${i}` }),
        });
        assert.equal(res.status, 200);
      });
    });
  });
}
