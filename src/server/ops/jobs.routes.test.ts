import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { withTransaction } from '../core/db/transaction.ts';
import { enqueue } from '../core/jobs/jobs.ts';
import { startWorker } from '../core/jobs/worker.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

for (const dialect of await testDialects()) {
  describe(`GET /api/v1/jobs and dead letters on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin');
    });
    after(() => server.close());

    it('shows admins a job that gave up, with its error, and gives it another go', async () => {
      const { database, clock } = server.deps;
      const failing = { name: 'always-fails', handle: async () => Promise.reject(new Error('SMTP refused the connection')) };
      const worker = startWorker(database, clock, { warn() {}, error() {} }, [failing], { autoStart: false });
      const id = await withTransaction(database, (tx) =>
        enqueue(tx, { name: 'always-fails', payload: { to: 'soc@example.test' }, maxAttempts: 1 }, clock.now()),
      );
      await worker.runDue();
      await worker.stop();

      const dead = await (await server.request('GET', '/api/v1/jobs?status=dead', { token: admin })).json();
      const letter = dead.items.find((j: { id: string }) => j.id === id);
      assert.equal(letter.lastError, 'SMTP refused the connection');
      assert.deepEqual(letter.payload, { to: 'soc@example.test' });

      const responder = await server.userToken('responder');
      assert.equal((await server.request('GET', '/api/v1/jobs', { token: responder })).status, 403);

      const retried = await server.request('POST', `/api/v1/jobs/${id}/retry`, { token: admin });
      assert.equal(retried.status, 200);
      const pending = await (await server.request('GET', '/api/v1/jobs?status=pending', { token: admin })).json();
      assert.ok(pending.items.some((j: { id: string; attempts: number }) => j.id === id && j.attempts === 0));
      assert.equal((await server.request('POST', `/api/v1/jobs/${id}/retry`, { token: admin })).status, 404);
    });
  });
}
