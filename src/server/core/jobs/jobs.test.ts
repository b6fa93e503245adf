import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { createTestDb, type TestDatabase, testDialects } from '../../testing/test-db.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrations.ts';
import { withTransaction } from '../db/transaction.ts';
import { listJobs } from './jobs.queries.ts';
import { enqueue, type JobDefinition, retryDelayMs } from './jobs.ts';
import { startWorker } from './worker.ts';

const quiet = { warn() {}, error() {} };

function manualClock(start = '2026-11-23T12:00:00Z') {
  let now = new Date(start).getTime();
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
  return clock;
}

describe('retryDelayMs', () => {
  it('doubles with each attempt, between half and all of the ceiling, capped at an hour', () => {
    assert.equal(retryDelayMs(1, 0), 500);
    assert.equal(retryDelayMs(1, 1), 1000);
    assert.equal(retryDelayMs(4, 1), 8000);
    assert.equal(retryDelayMs(30, 1), 3_600_000);
  });
});

for (const dialect of await testDialects()) {
  describe(`durable jobs on ${dialect}`, () => {
    let testDb: TestDatabase;
    let database: Database;
    before(async () => {
      testDb = await createTestDb(dialect);
      database = testDb.database;
      await migrateToLatest(database.db, dialect);
    });
    after(() => testDb.drop());

    const add = (clock: Clock, job: Parameters<typeof enqueue>[1]) =>
      withTransaction(database, (tx) => enqueue(tx, job, clock.now()));

    it('runs an enqueued job once and records it done', async () => {
      const clock = manualClock();
      const seen: unknown[] = [];
      const job: JobDefinition = { name: 'once', handle: async (payload) => void seen.push(payload) };
      const worker = startWorker(database, clock, quiet, [job], { autoStart: false });
      const id = await add(clock, { name: 'once', payload: { n: 1 } });
      assert.equal(await worker.runDue(), 1);
      assert.equal(await worker.runDue(), 0);
      assert.deepEqual(seen, [{ n: 1 }]);
      const done = await listJobs(database.db, 'done', 100);
      assert.ok(done.some((j) => j.id === id));
      await worker.stop();
    });

    it('does not run a timer before its time, and runs it when the time comes', async () => {
      const clock = manualClock();
      let runs = 0;
      const worker = startWorker(database, clock, quiet, [{ name: 'timer', handle: async () => void runs++ }], {
        autoStart: false,
      });
      await add(clock, { name: 'timer', payload: null, runAt: new Date(clock.now().getTime() + 15 * 60_000) });
      assert.equal(await worker.runDue(), 0);
      clock.advance(15 * 60_000);
      assert.equal(await worker.runDue(), 1);
      assert.equal(runs, 1);
      await worker.stop();
    });

    it('retries a failing job with backoff and makes it a dead letter after its last attempt', async () => {
      const clock = manualClock();
      let attempts = 0;
      const flaky: JobDefinition = {
        name: 'flaky',
        maxAttempts: 3,
        handle: async () => {
          attempts++;
          throw new Error(`refused #${attempts}`);
        },
      };
      const worker = startWorker(database, clock, quiet, [flaky], { autoStart: false });
      const id = await add(clock, { name: 'flaky', payload: null, maxAttempts: 3 });
      await worker.runDue();
      assert.equal(attempts, 1);
      assert.equal(await worker.runDue(), 0, 'the retry waits for its backoff');
      clock.advance(1000);
      await worker.runDue();
      clock.advance(2000);
      await worker.runDue();
      assert.equal(attempts, 3);
      clock.advance(3_600_000);
      assert.equal(await worker.runDue(), 0, 'a dead letter is not run again');
      const dead = (await listJobs(database.db, 'dead', 100)).find((j) => j.id === id);
      assert.equal(dead?.last_error, 'refused #3');
      await worker.stop();
    });

    it('gives a job whose worker died to another worker once the lease runs out', async () => {
      const clock = manualClock();
      let finished = 0;
      const hang: JobDefinition = { name: 'lease', handle: () => new Promise(() => {}) };
      const dying = startWorker(database, clock, quiet, [hang], { autoStart: false, leaseMs: 30_000 });
      await add(clock, { name: 'lease', payload: null });
      void dying.runDue(); // never settles: the worker "died" holding the lease
      await new Promise((resolve) => setTimeout(resolve, 50));
      const other = startWorker(database, clock, quiet, [{ name: 'lease', handle: async () => void finished++ }], {
        autoStart: false,
      });
      assert.equal(await other.runDue(), 0, 'leased jobs are not taken');
      clock.advance(30_001);
      assert.equal(await other.runDue(), 1);
      assert.equal(finished, 1);
      await other.stop();
    });

    it('enqueues work with the same unique key only once', async () => {
      const clock = manualClock();
      let runs = 0;
      const worker = startWorker(database, clock, quiet, [{ name: 'unique', handle: async () => void runs++ }], {
        autoStart: false,
      });
      await add(clock, { name: 'unique', payload: 1, uniqueKey: 'notify:INC-1:primary' });
      await add(clock, { name: 'unique', payload: 2, uniqueKey: 'notify:INC-1:primary' });
      await worker.runDue();
      assert.equal(runs, 1);
      await worker.stop();
    });

    it('keeps a job that was never committed out of the queue', async () => {
      const clock = manualClock();
      let runs = 0;
      const worker = startWorker(database, clock, quiet, [{ name: 'rolled-back', handle: async () => void runs++ }], {
        autoStart: false,
      });
      await assert.rejects(
        withTransaction(database, async (tx) => {
          await enqueue(tx, { name: 'rolled-back', payload: null }, clock.now());
          throw new Error('the change failed');
        }),
      );
      assert.equal(await worker.runDue(), 0);
      assert.equal(runs, 0);
      await worker.stop();
    });

    /** The worker's own view of the database, counting the statements it sends. */
    function counted(): { database: Database; statements: () => number } {
      let statements = 0;
      const plugin: KyselyPlugin = {
        transformQuery: ({ node }) => {
          statements++;
          return node;
        },
        transformResult: async ({ result }) => result,
      };
      return { database: { ...database, db: database.db.withPlugin(plugin) }, statements: () => statements };
    }
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    async function until(condition: () => boolean) {
      for (const deadline = Date.now() + 10_000; !condition(); await sleep(5))
        assert.ok(Date.now() < deadline, 'waited 10 s for the worker');
    }

    it('asks the database for nothing while every slot is taken, and takes the next job when one frees', async () => {
      const clock = { now: () => new Date() };
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let started = 0;
      const slow: JobDefinition = {
        name: 'slow',
        handle: async () => {
          started++;
          await held;
        },
      };
      await add(clock, { name: 'slow', payload: 1 });
      await add(clock, { name: 'slow', payload: 2 });
      const watched = counted();
      const worker = startWorker(watched.database, clock, quiet, [slow], { concurrency: 1 });
      after(() => {
        release();
        return worker.stop();
      });
      await until(() => started === 1);
      const before = watched.statements();
      await sleep(300);
      assert.ok(
        watched.statements() - before <= 2,
        `${watched.statements() - before} statements in 300 ms with the only slot taken`,
      );
      release();
      await until(() => started === 2);
    });

    it('waits for the next poll, not in a loop, while the due jobs are of kinds it has no handler for', async () => {
      const clock = { now: () => new Date() };
      await add(clock, { name: 'another-version-s-job', payload: null });
      const watched = counted();
      const worker = startWorker(watched.database, clock, quiet, [{ name: 'mine', handle: async () => {} }]);
      after(() => worker.stop());
      await sleep(50);
      const before = watched.statements();
      await sleep(300);
      assert.ok(watched.statements() - before <= 2, `${watched.statements() - before} statements in 300 ms with nothing to do`);
    });

    if (dialect === 'postgres') {
      it('hands each of 1,000 jobs to exactly one of two instances', async () => {
        const clock = { now: () => new Date() };
        const delivered = new Map<number, number>();
        const sink: JobDefinition<{ n: number }> = {
          name: 'deliver',
          handle: async ({ n }) => {
            delivered.set(n, (delivered.get(n) ?? 0) + 1);
            await new Promise((resolve) => setTimeout(resolve, 1));
          },
        };
        const second = testDb.openAnother();
        const workers = [
          startWorker(database, clock, quiet, [sink], { pollMs: 20 }),
          startWorker(second, clock, quiet, [sink], { pollMs: 20 }),
        ];
        await withTransaction(database, async (tx) => {
          for (let n = 0; n < 1000; n++) await enqueue(tx, { name: 'deliver', payload: { n } }, clock.now());
        });
        const deadline = Date.now() + 30_000;
        while (delivered.size < 1000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        await Promise.all(workers.map((w) => w.stop()));
        await second.close();
        assert.equal(delivered.size, 1000);
        assert.deepEqual([...new Set(delivered.values())], [1], 'no job ran twice');
      });
    }
  });
}
