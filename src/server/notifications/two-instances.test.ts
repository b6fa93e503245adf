import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SmtpSink, startSmtpSink } from '../testing/smtp-sink.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// Two instances share one PostgreSQL database and both work jobs: every notification reaches the SMTP sink once.
const dialects = (await testDialects()).filter((d) => d === 'postgres');

for (const dialect of dialects) {
  describe(`notifications across two instances on ${dialect}`, () => {
    let a: TestServer;
    let b: TestServer;
    let sink: SmtpSink;
    let token: string;

    before(async () => {
      sink = await startSmtpSink();
      const env = { SMTP_URL: sink.url };
      a = await startTestServer({ dialect, env });
      b = await startTestServer({ testDb: a.testDb, env });
      token = await a.userToken('admin');
    });
    after(async () => {
      await b?.close();
      await a?.close();
      await sink?.close();
    });

    const post = async (server: TestServer, url: string, body: unknown) => {
      const res = await server.request('POST', url, { token, body });
      assert.equal(res.status, 201, await res.clone().text());
      return (await res.json()) as { id: string; channels: { id: string }[] };
    };

    it('delivers 1,000 notifications sent through both instances, each exactly once', async () => {
      const desk = await post(a, '/api/v1/contacts', {
        name: 'Duty desk',
        kind: 'function',
        channels: [{ type: 'email', address: 'desk@example.test' }],
      });
      await post(a, '/api/v1/pace-plans', {
        purpose: 'coordinate-responders',
        levels: [{ level: 'primary', contactId: desk.id, channelId: desk.channels[0].id }],
      });
      const incidents = await Promise.all(
        Array.from({ length: 10 }, (_, i) => post(i % 2 ? b : a, '/api/v1/incidents', { title: `Two ${i}` })),
      );
      const sent: string[] = [];
      for (let batch = 0; batch < 50; batch++) {
        const made = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            post(i % 2 ? b : a, `/api/v1/incidents/${incidents[i % 10].id}/notifications`, { purpose: 'coordinate-responders' }),
          ),
        );
        sent.push(...made.map((n) => n.id));
      }
      await sink.waitFor(1000, 60_000);
      await new Promise((r) => setTimeout(r, 1_500)); // time for any duplicate to arrive
      const ids = sink.messages.map((m) => m.messageId);
      assert.equal(ids.length, 1000);
      assert.equal(new Set(ids).size, 1000, 'no notification was delivered twice');
      assert.deepEqual(new Set(ids), new Set(sent.map((id) => `<${id}.0@muster>`)));
      const workers = await a.deps.database.db
        .selectFrom('jobs')
        .select('leased_by')
        .distinct()
        .where('name', '=', 'notification.deliver')
        .execute();
      assert.equal(workers.length, 2, 'both instances delivered');
    });
  });
}
