import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorAnswer } from '../testing/error-answer.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

for (const dialect of await testDialects()) {
  describe(`authentication on ${dialect}`, () => {
    let server: TestServer;
    let cookie = '';
    // The fields this file reads from the API's answers.
    type Answer = ErrorAnswer & {
      needed: boolean;
      source: string;
      id: string;
      token: string;
      items: { id: string; lastUsedAt: string | null }[];
      user: { email: string; role: string };
      openapi: string;
      paths: Record<string, unknown>;
    };
    const json = (res: Response) => res.json() as Promise<Answer>;
    const withCookie = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
      server.request(method, url, { body, headers: { cookie, ...headers } });

    before(async () => {
      server = await startTestServer({ dialect });
    });
    after(() => server.close());

    it('needs setup on an empty database and issues a one-time setup token', async () => {
      assert.deepEqual(await json(await server.request('GET', '/api/v1/setup')), { needed: true });
      assert.ok(server.setupToken);
    });

    it('refuses setup with a wrong token or a short password', async () => {
      const wrong = await server.request('POST', '/api/v1/setup', {
        body: { token: 'nope', email: 'a@example.test', name: 'A', password: 'long enough password' },
      });
      assert.equal(wrong.status, 403);
      const short = await server.request('POST', '/api/v1/setup', {
        body: { token: server.setupToken, email: 'a@example.test', name: 'A', password: 'short' },
      });
      assert.equal(short.status, 400);
      assert.equal((await json(short)).error.field, 'password');
    });

    it('creates the first admin through the setup token and signs them in with a secure cookie', async () => {
      const res = await server.request('POST', '/api/v1/setup', {
        body: {
          token: server.setupToken,
          email: 'Admin@Example.test',
          name: 'Ada Admin',
          password: 'correct horse battery staple',
        },
      });
      assert.equal(res.status, 201);
      const setCookie = res.headers.get('set-cookie') ?? '';
      assert.match(setCookie, /muster_session=/);
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Lax/i);
      cookie = setCookie.split(';')[0];
      const me = await json(await withCookie('GET', '/api/v1/auth/me'));
      assert.deepEqual({ email: me.user.email, role: me.user.role }, { email: 'admin@example.test', role: 'admin' });
      assert.deepEqual(await json(await server.request('GET', '/api/v1/setup')), { needed: false });
    });

    it('does not let the setup token be used twice', async () => {
      const again = await server.request('POST', '/api/v1/setup', {
        body: { token: server.setupToken, email: 'b@example.test', name: 'B', password: 'correct horse battery staple' },
      });
      assert.equal(again.status, 409);
    });

    it('requires authentication on every API route but health and setup', async () => {
      for (const [method, url] of [
        ['GET', '/api/v1/incidents'],
        ['POST', '/api/v1/incidents'],
        ['GET', '/api/v1/stream'],
        ['GET', '/api/v1/auth/me'],
        ['GET', '/api/v1/tokens'],
      ]) {
        const res = await server.request(method, url, { body: method === 'POST' ? { title: 'x' } : undefined });
        assert.equal(res.status, 401, `${method} ${url}`);
        assert.equal((await json(res)).error.code, 'unauthenticated');
      }
      assert.equal((await server.request('GET', '/healthz')).status, 200);
      assert.equal((await server.request('GET', '/readyz')).status, 200);
      assert.match(await (await server.request('GET', '/metrics')).text(), /muster_http_request_duration_seconds/);
    });

    it('publishes the OpenAPI description and its docs page without authentication', async () => {
      const spec = await json(await server.request('GET', '/api/v1/openapi.json'));
      assert.equal(spec.openapi.startsWith('3.'), true);
      assert.ok(spec.paths['/api/v1/incidents/{id}/transitions']);
      assert.equal((await server.request('GET', '/api/v1/docs/static/index.html')).status, 200);
    });

    it('refuses cookie-authenticated changes without the CSRF header or from another origin', async () => {
      const bare = await withCookie('POST', '/api/v1/incidents', { title: 'x' });
      assert.equal(bare.status, 403);
      const foreign = await withCookie(
        'POST',
        '/api/v1/incidents',
        { title: 'x' },
        { 'x-muster-csrf': '1', origin: 'https://evil.example' },
      );
      assert.equal(foreign.status, 403);
      const ok = await withCookie('POST', '/api/v1/incidents', { title: 'From the browser' }, { 'x-muster-csrf': '1' });
      assert.equal(ok.status, 201);
      assert.equal((await json(ok)).source, 'web');
    });

    it('answers a wrong password and an unknown user with the same message', async () => {
      const wrong = await server.request('POST', '/api/v1/auth/login', {
        body: { email: 'admin@example.test', password: 'not the password' },
      });
      const unknown = await server.request('POST', '/api/v1/auth/login', {
        body: { email: 'nobody@example.test', password: 'not the password' },
      });
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.deepEqual(await json(wrong), await json(unknown));
    });

    it('signs in and out with the session cookie', async () => {
      const res = await server.request('POST', '/api/v1/auth/login', {
        body: { email: 'ADMIN@example.test', password: 'correct horse battery staple' },
      });
      assert.equal(res.status, 200);
      const session = (res.headers.get('set-cookie') ?? '').split(';')[0];
      const out = await server.request('POST', '/api/v1/auth/logout', { headers: { cookie: session, 'x-muster-csrf': '1' } });
      assert.equal(out.status, 204);
      assert.equal((await server.request('GET', '/api/v1/auth/me', { headers: { cookie: session } })).status, 401);
    });

    it('issues, uses and revokes API tokens', async () => {
      const created = await withCookie('POST', '/api/v1/tokens', { label: 'ci' }, { 'x-muster-csrf': '1' });
      assert.equal(created.status, 201);
      const { id, token } = await json(created);
      assert.equal((await server.request('GET', '/api/v1/incidents', { token })).status, 200);
      const listed = await json(await withCookie('GET', '/api/v1/tokens'));
      assert.ok(listed.items.find((t: { id: string; lastUsedAt: string | null }) => t.id === id && t.lastUsedAt));
      assert.equal((await withCookie('DELETE', `/api/v1/tokens/${id}`, undefined, { 'x-muster-csrf': '1' })).status, 204);
      assert.equal((await server.request('GET', '/api/v1/incidents', { token })).status, 401);
    });

    it('keeps viewers read-only', async () => {
      const viewer = await server.userToken('viewer');
      assert.equal((await server.request('GET', '/api/v1/incidents', { token: viewer })).status, 200);
      const res = await server.request('POST', '/api/v1/incidents', { token: viewer, body: { title: 'x' } });
      assert.equal(res.status, 403);
      assert.equal((await json(res)).error.code, 'forbidden');
    });

    it('rate-limits login attempts', async () => {
      const statuses = [];
      for (let i = 0; i < 12; i++) {
        const res = await server.request('POST', '/api/v1/auth/login', {
          body: { email: 'admin@example.test', password: `guess ${i}` },
        });
        statuses.push(res.status);
      }
      assert.ok(statuses.includes(429), statuses.join(','));
    });
  });
}
