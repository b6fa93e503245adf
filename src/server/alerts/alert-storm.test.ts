import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cliToken, exited, processEnv, serveProcess } from '../testing/serve-process.ts';
import { createTestDb, type TestDatabase, testDialects } from '../testing/test-db.ts';

let nextPort = 19_700 + (process.pid % 200) * 3;
const BATCH = 2_000;

for (const dialect of await testDialects()) {
  describe(`an alert storm on ${dialect}`, () => {
    let testDb: TestDatabase;
    let env: NodeJS.ProcessEnv;
    let admin: string;

    before(async () => {
      testDb = await createTestDb(dialect);
      await testDb.database.close();
      // A small budget, so that this storm overloads the server and meets the 503s.
      env = processEnv(testDb, nextPort++, { ALERT_MAX_PENDING_BYTES: String(1024 * 1024) });
      admin = await cliToken(env, 'admin@example.test', 'Admin', 'admin');
    });
    after(() => testDb.drop());

    it('answers 503 with Retry-After when overloaded, and keeps every acknowledged alert through kill -9', async () => {
      const { child, url } = await serveProcess(env);
      const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
      const post = async (route: string, body: unknown) =>
        (await (await fetch(`${url}${route}`, { method: 'POST', headers: json(admin), body: JSON.stringify(body) })).json()) as {
          id: string;
          token: string;
        };
      const customer = await post('/api/v1/customers', { name: 'Storm AS', code: 'STO', timeZone: 'UTC' });
      const { token } = await post('/api/v1/alert-sources', { name: 'storm', customerId: customer.id });

      const acknowledged: string[] = [];
      const refused: string[] = [];
      let stop = false;
      const senders = Array.from({ length: 12 }, async (_, s) => {
        for (let b = 0; !stop; b++) {
          const fingerprints = Array.from({ length: BATCH }, (_, i) => `s${s}-b${b}-${i}`);
          const body = JSON.stringify(
            fingerprints.map((fingerprint) => ({
              fingerprint,
              title: 'Storm',
              labels: { alertname: `Storm${s % 3}`, instance: fingerprint },
              status: 'firing',
            })),
          );
          try {
            const response = await fetch(`${url}/api/v1/alerts`, { method: 'POST', headers: json(token), body });
            await response.arrayBuffer();
            if (response.status === 202) acknowledged.push(...fingerprints);
            else if (response.status === 503) {
              refused.push(response.headers.get('retry-after') ?? 'none');
              await new Promise((r) => setTimeout(r, 100)); // sooner than asked: keep the pressure on
            } else assert.fail(`unexpected ${response.status}`);
          } catch {
            return; // the server is gone
          }
        }
      });
      await new Promise((r) => setTimeout(r, 3_000));
      const killed = exited(child);
      child.kill('SIGKILL');
      stop = true;
      await Promise.all(senders);
      await killed;
      assert.ok(acknowledged.length >= 3 * BATCH, `only ${acknowledged.length} alerts acknowledged before the kill`);
      assert.ok(refused.length > 0, 'the storm was larger than the budget, so some posts were refused');
      assert.ok(
        refused.every((r) => r === '1'),
        `every refusal says when to retry (Retry-After seen: ${[...new Set(refused)].join(', ')})`,
      );

      const restarted = await serveProcess(env);
      const database = testDb.openAnother();
      try {
        const stored = new Set<string>();
        for (let i = 0; i < acknowledged.length; i += 500) {
          const rows = await database.db
            .selectFrom('alerts')
            .select('fingerprint')
            .where('customer_id', '=', customer.id)
            .where('fingerprint', 'in', acknowledged.slice(i, i + 500))
            .execute();
          for (const row of rows) stored.add(row.fingerprint);
        }
        const lost = acknowledged.filter((f) => !stored.has(f));
        assert.equal(lost.length, 0, `${lost.length} acknowledged alerts are gone, e.g. ${lost.slice(0, 3).join(', ')}`);
        // The queue is usable after the restart: the storm's groups are there with their counts.
        const queue = (await (await fetch(`${restarted.url}/api/v1/triage?status=triage`, { headers: json(admin) })).json()) as {
          items: { alertCount: number }[];
        };
        const counted = queue.items.reduce((sum, item) => sum + item.alertCount, 0);
        assert.ok(counted >= acknowledged.length, `groups count ${counted} alerts, ${acknowledged.length} were acknowledged`);
      } finally {
        await database.close();
        const stopped = exited(restarted.child);
        restarted.child.kill('SIGTERM');
        await stopped;
      }
    });

    it('keeps answering GET /healthz while 8 senders post 5,000-alert batches', async () => {
      // The default budget; the strict figure (p99 < 100 ms) is the benchmark's (bench/storm-latency.ts): this
      // bound holds on a busy shared machine, where the server used to answer after 10 s and more.
      const { child, url } = await serveProcess(processEnv(testDb, nextPort++));
      const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
      const post = async (token: string, route: string, body: unknown) =>
        (await (
          await fetch(`${url}${route}`, { method: 'POST', headers: headers(token), body: JSON.stringify(body) })
        ).json()) as { id: string; token: string };
      try {
        const customer = await post(admin, '/api/v1/customers', { name: 'Gale AS', code: 'GAL', timeZone: 'UTC' });
        const { token } = await post(admin, '/api/v1/alert-sources', { name: 'gale', customerId: customer.id });
        const bodies = Array.from({ length: 8 }, (_, s) =>
          JSON.stringify(
            Array.from({ length: 5_000 }, (_, i) => ({
              title: 'Gale',
              labels: { alertname: 'Gale', instance: `host-${s}-${i}` },
              status: 'firing',
            })),
          ),
        );
        let stop = false;
        const statuses: number[] = [];
        const senders = bodies.map(async (body) => {
          while (!stop) {
            const response = await fetch(`${url}/api/v1/alerts`, { method: 'POST', headers: headers(token), body });
            await response.arrayBuffer();
            statuses.push(response.status);
          }
        });
        await new Promise((r) => setTimeout(r, 1_000));
        const latencies: number[] = [];
        for (const until = Date.now() + 5_000; Date.now() < until; ) {
          const sent = performance.now();
          const response = await fetch(`${url}/healthz`);
          await response.arrayBuffer();
          assert.equal(response.status, 200);
          latencies.push(performance.now() - sent);
          await new Promise((r) => setTimeout(r, 50));
        }
        stop = true;
        await Promise.all(senders);
        latencies.sort((a, b) => a - b);
        const at = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]);
        const summary = `${latencies.length} probes: median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`;
        assert.ok(statuses.includes(202), `the storm was being stored (${statuses.length} answers)`);
        assert.ok(at(0.5) < 500, summary);
        assert.ok(at(0.9) < 2_000, summary);
      } finally {
        const stopped = exited(child);
        child.kill('SIGTERM');
        await stopped;
      }
    });
  });
}
