import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const DAY = 86_400_000;

for (const dialect of await testDialects()) {
  describe(`API tokens on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let rita: string;
    let offsetMs = 0;

    const call = async (method: string, url: string, token: string, body?: unknown) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };

    before(async () => {
      server = await startTestServer({ dialect, clock: { now: () => new Date(Date.now() + offsetMs) } });
      admin = await server.userToken('admin');
      rita = await server.userToken('responder', 'Rita Responder');
    });
    after(() => server.close());

    it('creates a token with a label and expiry, shows its secret once and never lists it', async () => {
      const expiresAt = new Date(Date.now() + 30 * DAY).toISOString();
      const created = await call('POST', '/api/v1/tokens', rita, { label: ' deploy script ', expiresAt });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.match(created.body.token, /^mst_/);
      assert.equal(created.body.label, 'deploy script');
      assert.equal(created.body.expiresAt, expiresAt);
      assert.equal((await call('GET', '/api/v1/auth/me', created.body.token)).status, 200, 'the new token works');
      const listed = await call('GET', '/api/v1/tokens', rita);
      const row = listed.body.items.find((t: { id: string }) => t.id === created.body.id);
      assert.deepEqual(Object.keys(row).sort(), ['createdAt', 'expiresAt', 'id', 'label', 'lastUsedAt', 'revokedAt']);
      assert.ok(!JSON.stringify(listed.body).includes(created.body.token.slice(4)), 'the secret is never listed');
      const never = await call('POST', '/api/v1/tokens', rita, { label: 'forever' });
      assert.equal(never.body.expiresAt, null);
    });

    it('refuses an expiry in the past or not a date, naming the field', async () => {
      const past = await call('POST', '/api/v1/tokens', rita, {
        label: 'x',
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      });
      assert.equal(past.status, 400);
      assert.equal(past.body.error.field, 'expiresAt');
      const garbage = await call('POST', '/api/v1/tokens', rita, { label: 'x', expiresAt: 'next tuesday' });
      assert.equal(garbage.status, 400);
      assert.match(garbage.body.error.message, /expiresAt/);
      const blank = await call('POST', '/api/v1/tokens', rita, { label: '   ' });
      assert.equal(blank.status, 400);
      assert.equal(blank.body.error.field, 'label');
    });

    it('stops accepting a token once it has expired', async () => {
      const created = await call('POST', '/api/v1/tokens', rita, {
        label: 'short',
        expiresAt: new Date(Date.now() + DAY).toISOString(),
      });
      assert.equal((await call('GET', '/api/v1/auth/me', created.body.token)).status, 200);
      offsetMs = DAY + 10_000;
      try {
        assert.equal((await call('GET', '/api/v1/auth/me', created.body.token)).status, 401);
      } finally {
        offsetMs = 0;
      }
    });

    it('lets a user revoke only their own tokens, and an admin anyone’s', async () => {
      const own = (await call('POST', '/api/v1/tokens', rita, { label: 'laptop' })).body;
      const other = (await call('POST', '/api/v1/tokens', admin, { label: 'admin script' })).body;
      assert.equal((await call('DELETE', `/api/v1/tokens/${other.id}`, rita)).status, 404, 'not hers');
      assert.equal((await call('GET', '/api/v1/auth/me', other.token)).status, 200);
      assert.equal((await call('DELETE', `/api/v1/tokens/${own.id}`, rita)).status, 204);
      assert.equal((await call('GET', '/api/v1/auth/me', own.token)).status, 401, 'revoked at once on this instance');
      assert.equal((await call('DELETE', `/api/v1/tokens/${own.id}`, rita)).status, 404, 'already revoked');
      const listed = await call('GET', '/api/v1/tokens', rita);
      assert.ok(listed.body.items.find((t: { id: string }) => t.id === own.id).revokedAt);

      const ritaId = (await call('GET', '/api/v1/auth/me', rita)).body.user.id;
      const theirs = (await call('POST', '/api/v1/tokens', rita, { label: 'ci' })).body;
      assert.equal((await call('GET', `/api/v1/tokens?userId=${ritaId}`, rita)).status, 200, 'her own, by id');
      const adminId = (await call('GET', '/api/v1/auth/me', admin)).body.user.id;
      assert.equal((await call('GET', `/api/v1/tokens?userId=${adminId}`, rita)).status, 403);
      const seen = await call('GET', `/api/v1/tokens?userId=${ritaId}`, admin);
      assert.ok(seen.body.items.some((t: { id: string }) => t.id === theirs.id));
      assert.equal((await call('DELETE', `/api/v1/tokens/${theirs.id}`, admin)).status, 204);
      assert.equal((await call('GET', '/api/v1/auth/me', theirs.token)).status, 401);
    });

    it('revokes a token named in the query too, and says which field is missing', async () => {
      const own = (await call('POST', '/api/v1/tokens', rita, { label: 'phone' })).body;
      const missing = await call('DELETE', '/api/v1/tokens', rita);
      assert.equal(missing.status, 400);
      assert.match(JSON.stringify(missing.body), /id/);
      assert.equal((await call('GET', '/api/v1/auth/me', own.token)).status, 200, 'nothing revoked by a bad call');
      assert.equal((await call('DELETE', `/api/v1/tokens?id=${own.id}`, rita)).status, 204);
      assert.equal((await call('GET', '/api/v1/auth/me', own.token)).status, 401);
    });
  });

  describe(`managing users on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;

    const call = async (method: string, url: string, token?: string, body?: unknown, headers?: Record<string, string>) => {
      const res = await server.request(method, url, { token, body, headers });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    };

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin');
    });
    after(() => server.close());

    it('deactivation ends the session and tokens within 5 s; reactivation lets the person sign in again', async () => {
      const token = await server.userToken('responder', 'Dee Activated');
      const me = (await call('GET', '/api/v1/auth/me', token)).body.user;
      const login = await call('POST', '/api/v1/auth/login', undefined, {
        email: me.email,
        password: 'correct horse battery staple',
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      assert.equal((await call('GET', '/api/v1/auth/me', undefined, undefined, { cookie })).status, 200);

      const deactivated = performance.now();
      assert.equal((await call('PATCH', `/api/v1/users/${me.id}`, admin, { active: false })).status, 200);
      for (;;) {
        const bySession = await call('GET', '/api/v1/auth/me', undefined, undefined, { cookie });
        const byToken = await call('GET', '/api/v1/auth/me', token);
        if (bySession.status === 401 && byToken.status === 401) break;
        assert.ok(performance.now() - deactivated < 5000, 'still accepted after 5 s');
        await new Promise((r) => setTimeout(r, 200));
      }
      const inactive = await call('GET', '/api/v1/users?status=inactive', admin);
      assert.deepEqual(
        inactive.body.items.map((u: { id: string; active: boolean }) => [u.id, u.active]),
        [[me.id, false]],
      );
      const active = await call('GET', '/api/v1/users', admin);
      assert.ok(!active.body.items.some((u: { id: string }) => u.id === me.id), 'the default lists active users only');

      assert.equal((await call('PATCH', `/api/v1/users/${me.id}`, admin, { active: true, role: 'viewer' })).status, 200);
      const again = await call('POST', '/api/v1/auth/login', undefined, {
        email: me.email,
        password: 'correct horse battery staple',
      });
      assert.equal(again.status, 200);
      assert.equal(again.body.user.role, 'viewer');
      assert.equal((await call('GET', '/api/v1/auth/me', token)).status, 401, 'old tokens stay revoked');
      const all = await call('GET', '/api/v1/users?status=all', admin);
      assert.equal(all.body.items.find((u: { id: string }) => u.id === me.id).active, true);
    });

    it('lets only admins list deactivated users and change users', async () => {
      const customer = (await call('POST', '/api/v1/customers', admin, { name: 'Acme' })).body;
      const manager = await server.memberToken(customer.id, 'manager');
      assert.equal((await call('GET', '/api/v1/users', manager)).status, 200);
      const refused = await call('GET', '/api/v1/users?status=all', manager);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.field, 'status');
      const adminId = (await call('GET', '/api/v1/auth/me', admin)).body.user.id;
      assert.equal((await call('PATCH', `/api/v1/users/${adminId}`, manager, { active: false })).status, 403);
    });

    it('lets everyone change their own name', async () => {
      const token = await server.userToken('viewer', 'Old Name');
      const res = await call('PATCH', '/api/v1/auth/me', token, { name: '  New Name ' });
      assert.equal(res.status, 200);
      assert.equal(res.body.user.name, 'New Name');
      assert.equal((await call('GET', '/api/v1/auth/me', token)).body.user.name, 'New Name');
      const blank = await call('PATCH', '/api/v1/auth/me', token, { name: '   ' });
      assert.equal(blank.status, 400);
      assert.equal(blank.body.error.field, 'name');
    });
  });
}
