import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorAnswer } from '../testing/error-answer.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { createUser } from './create-user.ts';
import { createApiToken } from './credentials.ts';
import { SYSTEM_ACTOR } from './policy.ts';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'violet kettle drums at dawn';

for (const dialect of await testDialects()) {
  describe(`PUT /api/v1/auth/password on ${dialect}`, () => {
    let server: TestServer;
    let users = 0;
    const json = (res: Response) => res.json() as Promise<ErrorAnswer>;
    const newUser = async () => {
      const email = `walker${++users}@example.test`;
      const user = await createUser(server.deps, SYSTEM_ACTOR, {
        email,
        name: `Winifred Walker ${users}`,
        role: 'responder',
        password: PASSWORD,
      });
      return { ...user, email };
    };
    const signIn = async (email: string, password = PASSWORD) => {
      const res = await server.request('POST', '/api/v1/auth/login', { body: { email, password } });
      assert.equal(res.status, 200);
      return (res.headers.get('set-cookie') ?? '').split(';')[0];
    };
    const change = (cookie: string, body: unknown) =>
      server.request('PUT', '/api/v1/auth/password', { body, headers: { cookie, 'x-muster-csrf': '1' } });
    const me = (cookie: string) => server.request('GET', '/api/v1/auth/me', { headers: { cookie } });

    before(async () => {
      server = await startTestServer({ dialect });
    });
    after(() => server.close());

    it('changes the password, keeps this session and API tokens, and ends every other session at once', async () => {
      const user = await newUser();
      const mine = await signIn(user.email);
      const elsewhere = await signIn(user.email);
      const { token } = await createApiToken(server.deps, user.id, 'ci');
      // The other session is in the credential cache now: ending it must not wait for the cache to expire.
      assert.equal((await me(elsewhere)).status, 200);

      const res = await change(mine, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      assert.equal(res.status, 204);

      assert.equal((await me(mine)).status, 200);
      assert.equal((await me(elsewhere)).status, 401);
      assert.equal((await server.request('GET', '/api/v1/auth/me', { token })).status, 200);
      const old = await server.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: PASSWORD } });
      assert.equal(old.status, 401);
      await signIn(user.email, NEW_PASSWORD);
    });

    it('requires the current password, and counts wrong ones against the account like failed sign-ins', async () => {
      const user = await newUser();
      const cookie = await signIn(user.email);
      const missing = await change(cookie, { newPassword: NEW_PASSWORD });
      assert.equal(missing.status, 400);
      assert.equal((await json(missing)).error.field, 'currentPassword');
      for (let i = 0; i < 5; i++) {
        const wrong = await change(cookie, { currentPassword: `not it ${i}`, newPassword: NEW_PASSWORD });
        assert.equal(wrong.status, 400);
        assert.deepEqual((await json(wrong)).error, {
          code: 'invalid',
          message: 'The current password is not correct',
          field: 'currentPassword',
        });
      }
      const locked = await change(cookie, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      assert.equal(locked.status, 429);
      assert.ok(Number(locked.headers.get('retry-after')) > 0);
      // Still the old password, and sign-in shares the same budget.
      const login = await server.request('POST', '/api/v1/auth/login', { body: { email: user.email, password: PASSWORD } });
      assert.equal(login.status, 429);
    });

    it('refuses weak new passwords with zxcvbn feedback in words, naming the field', async () => {
      const user = await newUser();
      const cookie = await signIn(user.email);
      for (const [weak, words] of [
        ['zzzzzzzzzzzzzzzz', /Repeated characters like "aaa" are easy to guess/],
        ['password12345', /similar to a commonly used password/],
        ['qwertyuiop1234', /./],
        [user.email, /Your own name or e-mail address is easy to guess/],
        ['short', /at least 12 characters/],
      ] as const) {
        const res = await change(cookie, { currentPassword: PASSWORD, newPassword: weak });
        assert.equal(res.status, 400, weak);
        const { error } = await json(res);
        assert.equal(error.field, 'newPassword');
        assert.match(error.message, /^This password is too weak: /);
        assert.match(error.message, words);
      }
      const same = await change(cookie, { currentPassword: PASSWORD, newPassword: PASSWORD });
      assert.equal(same.status, 400);
      assert.equal((await json(same)).error.field, 'newPassword');
      // None of those cost an attempt: the current password still works.
      assert.equal((await change(cookie, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status, 204);
    });

    it('works with an API token, ending every session', async () => {
      const user = await newUser();
      const session = await signIn(user.email);
      const { token } = await createApiToken(server.deps, user.id, 'script');
      const res = await server.request('PUT', '/api/v1/auth/password', {
        token,
        body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      });
      assert.equal(res.status, 204);
      assert.equal((await me(session)).status, 401);
    });

    it('needs a signed-in caller and the CSRF header with a cookie', async () => {
      const body = { currentPassword: PASSWORD, newPassword: NEW_PASSWORD };
      assert.equal((await server.request('PUT', '/api/v1/auth/password', { body })).status, 401);
      const user = await newUser();
      const cookie = await signIn(user.email);
      assert.equal((await server.request('PUT', '/api/v1/auth/password', { body, headers: { cookie } })).status, 403);
    });
  });
}
