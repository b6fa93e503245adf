import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import pg from 'pg';
import type { ErrorAnswer } from '../testing/error-answer.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const run = promisify(execFile);
const MAIN = path.resolve(import.meta.dirname, '../../main.ts');

for (const dialect of await testDialects()) {
  describe(`incidents API on ${dialect}`, () => {
    let server: TestServer;
    let token: string;
    const call = async (method: string, url: string, body?: unknown, t = token) => {
      const res = await server.request(method, url, { token: t, body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const report = async (fields: Record<string, unknown> = {}) => {
      const res = await call('POST', '/api/v1/incidents', { title: 'Suspicious logins on the VPN', ...fields });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };

    before(async () => {
      server = await startTestServer({ dialect });
      token = await server.userToken('responder');
    });
    after(() => server.close());

    describe('POST /api/v1/incidents', () => {
      it('creates an incident with a yearly human key, never reused', async () => {
        const a = await report();
        const b = await report({ title: 'Second' });
        const year = new Date().getUTCFullYear();
        assert.match(a.key, new RegExp(`^INC-${year}-\\d{4}$`));
        assert.equal(Number(b.key.slice(-4)), Number(a.key.slice(-4)) + 1);
        assert.equal(a.status, 'reported');
        assert.equal(a.source, 'api');
        assert.equal(a.tlp, 'TLP:AMBER');
        assert.ok(a.id);
      });

      it('gives reports made at the same moment distinct keys, one after the other', async () => {
        const first = Number((await report({ title: 'Before the burst' })).key.slice(-4));
        const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => report({ title: `Burst ${i}` })));
        const numbers = burst.map((incident) => Number(incident.key.slice(-4))).sort((a, b) => a - b);
        assert.deepEqual(
          numbers,
          Array.from({ length: 20 }, (_, i) => first + 1 + i),
        );
      });

      it('derives severity from C/I/A impact', async () => {
        const a = await report({ impact: { confidentiality: 'high', integrity: 'high', availability: 'low' } });
        assert.equal(a.severity, 'critical');
      });

      it('rejects unknown fields naming the field', async () => {
        const res = await call('POST', '/api/v1/incidents', { title: 'x', colour: 'red' });
        assert.equal(res.status, 400);
        assert.equal(res.body.error.code, 'invalid');
        assert.equal(res.body.error.field, 'colour');
      });

      it('rejects wrong types naming the field', async () => {
        for (const [body, field] of [
          [{ title: 42 }, 'title'],
          [{ title: 'x', exercise: 'yes' }, 'exercise'],
          [{ title: 'x', impact: { confidentiality: 'huge', integrity: 'low', availability: 'low' } }, 'impact'],
          [{ title: 'x', category: 'not/a-category' }, 'category'],
          [{ title: 'x', detectedAt: 'yesterday' }, 'detectedAt'],
          [{}, 'title'],
        ] as const) {
          const res = await call('POST', '/api/v1/incidents', body);
          assert.equal(res.status, 400, JSON.stringify(body));
          assert.ok(res.body.error.field.startsWith(field), `${res.body.error.field} for ${JSON.stringify(body)}`);
          assert.ok(res.body.error.message.includes(field), res.body.error.message);
        }
      });

      it('answers 413 for a body over the limit', async () => {
        const res = await call('POST', '/api/v1/incidents', { title: 'x', description: 'a'.repeat(1_100_000) });
        assert.equal(res.status, 413);
        assert.equal(res.body.error.code, 'payload_too_large');
      });

      it('rejects malformed JSON with 400', async () => {
        const res = await server.request('POST', '/api/v1/incidents', {
          token,
          body: '{"title": ',
          headers: { 'content-type': 'application/json' },
        });
        assert.equal(res.status, 400);
        assert.equal(((await res.json()) as ErrorAnswer).error.code, 'invalid');
      });

      it('round-trips emoji, right-to-left text and SQL metacharacters as plain text', async () => {
        const title = "🔥 هجوم على الخادم '; DROP TABLE incidents; -- %_\\";
        const created = await report({ title, description: 'שלום 👋🏽 עולם' });
        const fetched = await call('GET', `/api/v1/incidents/${created.key}`);
        assert.equal(fetched.body.title, title);
        assert.equal(fetched.body.description, 'שלום 👋🏽 עולם');
        const found = await call('GET', `/api/v1/incidents?q=${encodeURIComponent("'; DROP TABLE")}`);
        assert.deepEqual(
          found.body.items.map((i: { id: string }) => i.id),
          [created.id],
        );
        const percent = await call('GET', `/api/v1/incidents?q=${encodeURIComponent('%_\\')}`);
        assert.deepEqual(
          percent.body.items.map((i: { id: string }) => i.id),
          [created.id],
        );
      });
    });

    describe('GET /api/v1/incidents', () => {
      it('filters by status and severity and pages with a cursor', async () => {
        const marker = `page-${Date.now()}`;
        for (let i = 0; i < 5; i++)
          await report({
            title: `${marker} ${i}`,
            impact: { confidentiality: 'medium', integrity: 'none', availability: 'none' },
          });
        const first = await call('GET', `/api/v1/incidents?q=${marker}&limit=2&severity=medium&status=reported`);
        assert.equal(first.body.items.length, 2);
        assert.equal(first.body.items[0].title, `${marker} 4`);
        const second = await call('GET', `/api/v1/incidents?q=${marker}&limit=2&cursor=${first.body.nextCursor}`);
        const third = await call('GET', `/api/v1/incidents?q=${marker}&limit=2&cursor=${second.body.nextCursor}`);
        assert.deepEqual(
          [...first.body.items, ...second.body.items, ...third.body.items].map((i: { title: string }) => i.title),
          [4, 3, 2, 1, 0].map((i) => `${marker} ${i}`),
        );
        assert.equal(third.body.nextCursor, null);
        const none = await call('GET', `/api/v1/incidents?q=${marker}&severity=critical`);
        assert.equal(none.body.items.length, 0);
      });

      it('rejects an unknown status filter and a forged cursor', async () => {
        assert.equal((await call('GET', '/api/v1/incidents?status=burning')).status, 400);
        const forged = await call('GET', '/api/v1/incidents?cursor=bm9wZQ');
        assert.equal(forged.status, 400);
        assert.equal(forged.body.error.field, 'cursor');
      });
    });

    describe('lifecycle over HTTP', () => {
      it('walks reported → closed, recording decisions on a verifiable timeline', async () => {
        const { id } = await report();
        const step = async (path: string, body: unknown) => {
          const res = await call('POST', `/api/v1/incidents/${id}/${path}`, body);
          assert.ok(res.status < 300, `${path} ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(res.body)}`);
          return res.body;
        };
        await step('transitions', { to: 'assessing', reason: 'Confirmed by the SOC' });
        const blocked = await call('POST', `/api/v1/incidents/${id}/transitions`, { to: 'responding', reason: 'go' });
        assert.equal(blocked.status, 409);
        assert.match(blocked.body.error.message, /incident manager and set the category and the C\/I\/A impact/);
        const me = (await call('GET', '/api/v1/auth/me')).body.user;
        const led = await call('PUT', `/api/v1/incidents/${id}/roles/incident-manager`, { userId: me.id });
        assert.equal(led.status, 200, JSON.stringify(led.body));
        const patched = await call('PATCH', `/api/v1/incidents/${id}`, {
          category: 'intrusions/system-compromise',
          impact: { confidentiality: 'high', integrity: 'medium', availability: 'low' },
          severityOverride: { severity: 'critical', reason: 'Domain controller' },
        });
        assert.equal(patched.status, 200);
        assert.equal(patched.body.severity, 'critical');
        assert.equal(patched.body.derivedSeverity, 'high');
        await step('transitions', { to: 'responding', reason: 'Contain now' });
        await step('notes', { body: '**Isolated** the host' });
        await step('milestones', { milestone: 'contained' });
        await step('transitions', { to: 'recovering' });
        await step('milestones', { milestone: 'resolved' });
        await step('transitions', { to: 'reviewing' });
        const unreviewed = await call('POST', `/api/v1/incidents/${id}/transitions`, { to: 'closed' });
        assert.equal(unreviewed.status, 409, 'no customer: the default review severities apply, and critical needs one');
        assert.match(unreviewed.body.error.message, /critical-severity incident needs its post-incident review/);
        await step('review/complete', {});
        const closed = await step('transitions', { to: 'closed' });
        assert.equal(closed.status, 'closed');
        assert.ok(closed.times.closedAt);
        assert.deepEqual(
          closed.allowedTransitions.map((t: { to: string }) => t.to),
          ['assessing'],
        );

        const timeline = await call('GET', `/api/v1/incidents/${id}/timeline`);
        const types = timeline.body.events.map((e: { type: string }) => e.type);
        assert.deepEqual(types, [
          'incident.reported',
          'decision.recorded',
          'incident.transitioned',
          'role.assigned',
          'incident.updated',
          'incident.severity_overridden',
          'decision.recorded',
          'incident.transitioned',
          'note.added',
          'milestone.recorded',
          'incident.transitioned',
          'milestone.recorded',
          'incident.transitioned',
          'review.opened',
          'review.completed',
          'incident.transitioned',
        ]);
        assert.deepEqual(
          timeline.body.events.map((e: { seq: number }) => e.seq),
          types.map((_: unknown, i: number) => i + 1),
        );
        const integrity = await call('GET', `/api/v1/incidents/${id}/integrity`);
        assert.deepEqual(integrity.body, { valid: true, count: types.length, head: timeline.body.events.at(-1).hash });
      });

      it('answers 409 saying why for an invalid transition', async () => {
        const { id } = await report();
        const res = await call('POST', `/api/v1/incidents/${id}/transitions`, { to: 'closed' });
        assert.equal(res.status, 409);
        assert.equal(res.body.error.code, 'conflict');
        assert.match(res.body.error.message, /reported cannot move to closed/);
      });

      it('answers 404 for an unknown incident', async () => {
        const res = await call('GET', '/api/v1/incidents/INC-1999-0001');
        assert.equal(res.status, 404);
        assert.equal(res.body.error.code, 'not_found');
      });

      it('loses no update when many notes are added at once', async () => {
        const { id } = await report();
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) => call('POST', `/api/v1/incidents/${id}/notes`, { body: `note ${i}` })),
        );
        assert.deepEqual(
          results.map((r) => r.status),
          results.map(() => 201),
        );
        const timeline = await call('GET', `/api/v1/incidents/${id}/timeline`);
        const notes = timeline.body.events
          .filter((e: { type: string }) => e.type === 'note.added')
          .map((e: { data: { body: string } }) => e.data.body);
        assert.deepEqual(notes.sort(), Array.from({ length: 40 }, (_, i) => `note ${i}`).sort());
        assert.equal((await call('GET', `/api/v1/incidents/${id}/integrity`)).body.valid, true);
      });

      it('refuses a stale expectedVersion with 409', async () => {
        const { id, version } = await report();
        assert.equal((await call('PATCH', `/api/v1/incidents/${id}`, { title: 'first', expectedVersion: version })).status, 200);
        const stale = await call('PATCH', `/api/v1/incidents/${id}`, { title: 'second', expectedVersion: version });
        assert.equal(stale.status, 409);
        assert.equal((await call('GET', `/api/v1/incidents/${id}`)).body.title, 'first');
      });
    });

    describe('tamper evidence', () => {
      it('detects an event altered directly in the database, through the API and verify', async () => {
        const { id, key } = await report();
        await call('POST', `/api/v1/incidents/${id}/notes`, { body: 'original' });
        await call('POST', `/api/v1/incidents/${id}/notes`, { body: 'later' });
        const forged = JSON.stringify({ body: 'rewritten history' });
        if (dialect === 'sqlite') {
          const raw = new DatabaseSync(server.testDb.file as string);
          raw.prepare('update events set data = ? where stream_id = ? and seq = 2').run(forged, id);
          raw.close();
        } else {
          const client = new pg.Client({ connectionString: server.testDb.url as string });
          await client.connect();
          await client.query('update events set data = $1 where stream_id = $2 and seq = 2', [forged, id]);
          await client.end();
        }
        const integrity = await call('GET', `/api/v1/incidents/${id}/integrity`);
        assert.equal(integrity.body.valid, false);
        assert.equal(integrity.body.firstInvalidSeq, 2);

        const env = {
          ...process.env,
          DATA_DIR: dialect === 'sqlite' ? path.dirname(server.testDb.file as string) : '',
          DATABASE_URL: server.testDb.url ?? '',
        };
        const verify = await run(process.execPath, [MAIN, 'verify'], { env }).then(
          () => ({ code: 0, stdout: '' }),
          (e: { code: number; stdout: string }) => e,
        );
        assert.equal(verify.code, 1);
        assert.match(verify.stdout, new RegExp(`BROKEN ${key}: first broken link at event #2`));
      });
    });
  });
}
