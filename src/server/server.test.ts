import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cliToken, exited, MAIN, processEnv, runFile as run, serveProcess as serve } from './testing/serve-process.ts';
import { startSmtpSink } from './testing/smtp-sink.ts';
import { connectSse } from './testing/sse-client.ts';
import { createTestDb, type TestDatabase, testDialects } from './testing/test-db.ts';

let nextPort = 18_600 + (process.pid % 200) * 5;

for (const dialect of await testDialects()) {
  describe(`the muster process on ${dialect}`, () => {
    let testDb: TestDatabase;
    let env: NodeJS.ProcessEnv;
    let token: string;
    let adminToken: string;

    before(async () => {
      testDb = await createTestDb(dialect);
      await testDb.database.close();
      env = processEnv(testDb, nextPort++);
      token = await cliToken(env, 'ops@example.test', 'Ops', 'responder');
      assert.match(token, /^mst_/);
      adminToken = await cliToken(env, 'admin@example.test', 'Admin', 'admin');
    });
    after(() => testDb.drop());

    it('delivers a notification whose job was leased when the process was killed, exactly once, after restart', async () => {
      const sink = await startSmtpSink({ mode: 'stall' });
      const notifyEnv = { ...env, SMTP_URL: sink.url, JOB_LEASE_MS: '1500', NOTIFY_TIMEOUT_MS: '60000' };
      const { child, url } = await serve(notifyEnv);
      try {
        const as = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });
        const post = async (t: string, route: string, body: unknown) => {
          const res = await fetch(`${url}${route}`, { method: 'POST', headers: as(t), body: JSON.stringify(body) });
          assert.ok(res.status < 300, `${route}: ${res.status} ${await res.clone().text()}`);
          return (await res.json()) as { id: string; channels: { id: string }[] };
        };
        const desk = await post(adminToken, '/api/v1/contacts', {
          name: 'Duty desk',
          kind: 'function',
          channels: [{ type: 'email', address: 'desk@example.test' }],
        });
        await post(adminToken, '/api/v1/pace-plans', {
          purpose: 'coordinate-responders',
          levels: [{ level: 'primary', contactId: desk.id, channelId: desk.channels[0].id }],
        });
        const incident = await post(token, '/api/v1/incidents', { title: 'Crash while sending' });
        const sent = await post(token, `/api/v1/incidents/${incident.id}/notifications`, { purpose: 'coordinate-responders' });
        await new Promise((r) => setTimeout(r, 500)); // the worker has leased the job and waits for the SMTP greeting
        const killed = exited(child);
        child.kill('SIGKILL');
        await killed;
        assert.equal(sink.messages.length, 0);
        sink.mode = 'accept';

        const restarted = await serve(notifyEnv);
        try {
          const [mail] = await sink.waitFor(1, 15_000);
          assert.deepEqual(mail.to, ['desk@example.test']);
          await new Promise((r) => setTimeout(r, 2_000));
          assert.equal(sink.messages.length, 1, 'the recipient gets it once');
          const res = await fetch(`${restarted.url}/api/v1/notifications/${sent.id}`, { headers: as(token) });
          assert.equal(((await res.json()) as { status: string }).status, 'delivered');
        } finally {
          const stopped = exited(restarted.child);
          restarted.child.kill('SIGTERM');
          await stopped;
        }
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        await sink.close();
      }
    });

    it('keeps every acknowledged write through kill -9', async () => {
      const { child, url } = await serve(env);
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const acknowledged: string[] = [];
      let stop = false;
      const writers = Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; !stop && i < 10_000; i++) {
          try {
            const res = await fetch(`${url}/api/v1/incidents`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ title: `w${w}-${i}` }),
            });
            if (res.status === 201) acknowledged.push(((await res.json()) as { key: string }).key);
          } catch {
            return; // the server is gone
          }
        }
      });
      // Killed mid-load once enough writes were acknowledged (a fresh process on a busy machine may take a while
      // for its first ones: connections to open, validators to compile).
      const until = Date.now() + 15_000;
      while (acknowledged.length < 30 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      const killed = exited(child);
      child.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      await killed;
      assert.ok(acknowledged.length > 20, `only ${acknowledged.length} writes before the kill`);

      const restarted = await serve(env);
      try {
        for (const key of acknowledged) {
          const res = await fetch(`${restarted.url}/api/v1/incidents/${key}`, { headers });
          assert.equal(res.status, 200, `${key} was acknowledged but is gone`);
        }
        const { stdout } = await run(process.execPath, [MAIN, 'verify'], { env });
        assert.match(stdout, /, 0 broken/);
      } finally {
        const stopped = exited(restarted.child);
        restarted.child.kill('SIGTERM');
        await stopped;
      }
    });

    it('stops cleanly on SIGTERM even with a live stream open', async () => {
      const { child, url } = await serve(env);
      const stream = await connectSse(`${url}/api/v1/stream`, { authorization: `Bearer ${token}` });
      const started = performance.now();
      const stopped = exited(child);
      child.kill('SIGTERM');
      assert.equal(await stopped, 0);
      assert.ok(performance.now() - started < 5000);
      stream.close();
    });
  });
}
