import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../auth/create-user.ts';
import { createApiToken } from '../auth/credentials.ts';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import { connectSse, type SseConnection } from '../testing/sse-client.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// A live stream stays open for hours while people leave, tokens are revoked and memberships change, on any
// instance. Access is re-checked while it is open, and a replay is judged by where each incident is now.
const PROMISE_MS = 5000;
const PASSWORD = 'correct horse battery staple';

/** Resolves with how long the server took to end the stream; fails after PROMISE_MS. */
async function endsWithin(stream: SseConnection, since: number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the stream was still open after ${PROMISE_MS} ms`)), PROMISE_MS);
  });
  try {
    await Promise.race([stream.ended, timeout]);
    return performance.now() - since;
  } finally {
    clearTimeout(timer);
    stream.close();
  }
}

/** Waits until a timeline message of the incident arrived (events are delivered in order). */
async function waitForTimeline(stream: SseConnection, incidentId: string): Promise<void> {
  const arrived = () => stream.messages.some((m) => m.event === 'timeline' && JSON.parse(m.data).incidentId === incidentId);
  for (let n = 1; !arrived(); n++) await stream.waitFor(n);
}

for (const dialect of await testDialects()) {
  describe(`access on the live stream on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let acme: { id: string };
    let bravo: { id: string };
    let users = 0;

    const call = async (method: string, url: string, token: string, body?: unknown, on = server) => {
      const res = await on.request(method, url, { token, body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const idOf = async (token: string) => (await call('GET', '/api/v1/auth/me', token)).body.user.id as string;
    const stream = (token: string, on = server, headers: Record<string, string> = {}) =>
      connectSse(`${on.url}/api/v1/stream`, { authorization: `Bearer ${token}`, ...headers });
    const incident = async (customerId: string, title: string) =>
      (await call('POST', '/api/v1/incidents', admin, { title, customerId })).body as { id: string; key: string };
    /** A user who signs in with a password in the browser: returns the session cookie. */
    const signIn = async (customerId: string) => {
      users += 1;
      const email = `session${users}.${Date.now()}@example.test`;
      const user = await createUser(server.deps, SYSTEM_ACTOR, {
        email,
        name: `Sam ${users}`,
        role: 'viewer',
        password: PASSWORD,
      });
      await call('PUT', `/api/v1/customers/${customerId}/members/${user.id}`, admin, { role: 'viewer' });
      const res = await server.request('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
      assert.equal(res.status, 200);
      return { cookie: (res.headers.get('set-cookie') as string).split(';')[0], id: user.id };
    };

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin');
      acme = (await call('POST', '/api/v1/customers', admin, { name: 'Acme' })).body;
      bravo = (await call('POST', '/api/v1/customers', admin, { name: 'Bravo' })).body;
    });
    after(() => server.close());

    it('ends a stream within 5 s after its token is revoked', async () => {
      const token = await server.memberToken(acme.id, 'viewer');
      const live = await stream(token);
      const [own] = (await call('GET', '/api/v1/tokens', token)).body.items;
      const revoked = performance.now();
      assert.equal((await call('DELETE', `/api/v1/tokens/${own.id}`, token)).status, 204);
      const took = await endsWithin(live, revoked);
      assert.ok(took < PROMISE_MS, `${Math.round(took)} ms`);
    });

    it('ends a stream within 5 s after its session signs out', async () => {
      const { cookie } = await signIn(acme.id);
      const live = await connectSse(`${server.url}/api/v1/stream`, { cookie });
      const res = await server.request('POST', '/api/v1/auth/logout', { headers: { cookie, 'x-muster-csrf': '1' } });
      assert.equal(res.status, 204);
      await endsWithin(live, performance.now());
    });

    it('ends every stream of a deactivated user within 5 s, session and token alike, and refuses their requests', async () => {
      const { cookie, id } = await signIn(acme.id);
      const { token } = await createApiToken(server.deps, id, 'script');
      const viaCookie = await connectSse(`${server.url}/api/v1/stream`, { cookie });
      const viaToken = await stream(token);
      const control = await stream(admin);
      const deactivated = performance.now();
      const res = await call('PATCH', `/api/v1/users/${id}`, admin, { active: false });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.active, false);
      await Promise.all([endsWithin(viaCookie, deactivated), endsWithin(viaToken, deactivated)]);
      assert.equal((await server.request('GET', '/api/v1/auth/me', { headers: { cookie } })).status, 401);
      assert.equal((await server.request('GET', '/api/v1/auth/me', { token })).status, 401);
      const still = await incident(acme.id, 'After the deactivation');
      await control.waitFor(1);
      assert.equal(JSON.parse(control.messages[0].data).incidentId, still.id, 'the admin stream stayed open');
      control.close();
    });

    it('stops delivering a customer’s events within 5 s after the user is removed from it', async () => {
      const token = await server.memberToken(acme.id, 'viewer');
      const id = await idOf(token);
      await call('PUT', `/api/v1/customers/${bravo.id}/members/${id}`, admin, { role: 'viewer' });
      const acmeIncident = await incident(acme.id, 'Acme before');
      const bravoIncident = await incident(bravo.id, 'Bravo control');
      const live = await stream(token);
      assert.equal((await call('DELETE', `/api/v1/customers/${acme.id}/members/${id}`, admin)).status, 204);
      await new Promise((r) => setTimeout(r, PROMISE_MS - 1000));
      await call('POST', `/api/v1/incidents/${acmeIncident.id}/notes`, admin, { body: 'Acme secret' });
      await call('POST', `/api/v1/incidents/${bravoIncident.id}/notes`, admin, { body: 'Bravo news' });
      await waitForTimeline(live, bravoIncident.id);
      live.close();
      const seen = live.messages.filter((m) => m.event === 'timeline').map((m) => JSON.parse(m.data).incidentId);
      assert.deepEqual(seen, [bravoIncident.id]);
    });

    it('answers 429 beyond 20 streams of one user, and accepts one again when one closes', async () => {
      const token = await server.memberToken(acme.id, 'viewer');
      const open: SseConnection[] = [];
      for (let i = 0; i < 20; i++) open.push(await stream(token));
      const refused = await server.request('GET', '/api/v1/stream', { token });
      assert.equal(refused.status, 429);
      assert.match((await refused.json()).error.message, /20 live streams/);
      const other = await stream(await server.memberToken(acme.id, 'viewer'));
      other.close();
      open.pop()?.close();
      await new Promise((r) => setTimeout(r, 100));
      open.push(await stream(token));
      for (const s of open) s.close();
    });

    it('never replays an incident’s past to a viewer of the customer it has left', async () => {
      const token = await server.memberToken(acme.id, 'viewer');
      const moved = await incident(acme.id, 'Acme title that must not leak');
      await call('POST', `/api/v1/incidents/${moved.id}/notes`, admin, { body: 'Acme note that must not leak' });
      const res = await call('PATCH', `/api/v1/incidents/${moved.id}`, admin, { customerId: bravo.id });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const stays = await incident(acme.id, 'Still Acme');
      const replay = await stream(token, server, { 'last-event-id': '0' });
      await replay.waitFor(1);
      await new Promise((r) => setTimeout(r, 200));
      replay.close();
      const incidents = new Set(replay.messages.filter((m) => m.event === 'timeline').map((m) => JSON.parse(m.data).incidentId));
      assert.ok(incidents.has(stays.id));
      assert.ok(!incidents.has(moved.id), 'the moved incident replayed to its former customer');
    });

    if (dialect === 'postgres') {
      describe('with two instances on one database', () => {
        let b: TestServer;
        before(async () => {
          b = await startTestServer({ testDb: server.testDb });
        });
        after(() => b.close());

        it('ends a stream on instance B within 5 s after its token is revoked on instance A', async () => {
          const token = await server.memberToken(acme.id, 'viewer');
          const live = await stream(token, b);
          const [own] = (await call('GET', '/api/v1/tokens', token)).body.items;
          const revoked = performance.now();
          assert.equal((await call('DELETE', `/api/v1/tokens/${own.id}`, token)).status, 204);
          const took = await endsWithin(live, revoked);
          assert.ok(took < PROMISE_MS, `${Math.round(took)} ms`);
        });

        it('ends a stream on instance B within 5 s after its user is deactivated on instance A', async () => {
          const token = await server.memberToken(acme.id, 'viewer');
          const live = await stream(token, b);
          const deactivated = performance.now();
          assert.equal((await call('PATCH', `/api/v1/users/${await idOf(token)}`, admin, { active: false })).status, 200);
          await endsWithin(live, deactivated);
        });

        it('stops delivering on instance B a customer’s events after a removal on instance A', async () => {
          const token = await server.memberToken(acme.id, 'viewer');
          const id = await idOf(token);
          await call('PUT', `/api/v1/customers/${bravo.id}/members/${id}`, admin, { role: 'viewer' });
          const acmeIncident = await incident(acme.id, 'Acme before (B)');
          const bravoIncident = await incident(bravo.id, 'Bravo control (B)');
          const live = await stream(token, b);
          assert.equal((await call('DELETE', `/api/v1/customers/${acme.id}/members/${id}`, admin)).status, 204);
          await new Promise((r) => setTimeout(r, PROMISE_MS - 1000));
          await call('POST', `/api/v1/incidents/${acmeIncident.id}/notes`, admin, { body: 'Acme secret' });
          await call('POST', `/api/v1/incidents/${bravoIncident.id}/notes`, admin, { body: 'Bravo news' });
          await waitForTimeline(live, bravoIncident.id);
          live.close();
          assert.deepEqual(
            live.messages.filter((m) => m.event === 'timeline').map((m) => JSON.parse(m.data).incidentId),
            [bravoIncident.id],
          );
        });
      });
    }
  });
}
