import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ErrorAnswer } from '../testing/error-answer.ts';
import { MAIN, processEnv, runFile } from '../testing/serve-process.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const json = (res: Response) => res.json() as Promise<ErrorAnswer>;

for (const dialect of await testDialects()) {
  describe(`first admin setup on ${dialect}`, () => {
    let first: TestServer;
    let restarted: TestServer;
    const setup = (via: TestServer, token: string | null, password: string, email = 'ada@example.test') =>
      via.request('POST', '/api/v1/setup', { body: { token, email, name: 'Ada Lovelace', password } });

    before(async () => {
      first = await startTestServer({ dialect });
      restarted = await startTestServer({ testDb: first.testDb });
    });
    after(async () => {
      await restarted.close();
      await first.close();
    });

    it('keeps one setup token valid at a time: a new start invalidates the one printed before', async () => {
      assert.ok(first.setupToken && restarted.setupToken);
      assert.notEqual(first.setupToken, restarted.setupToken);
      for (const via of [first, restarted]) {
        const stale = await setup(via, first.setupToken, 'correct horse battery staple');
        assert.equal(stale.status, 403);
        assert.equal((await json(stale)).error.field, 'token');
      }
    });

    it('refuses weak passwords with the reason in words, naming the field', async () => {
      for (const [weak, words] of [
        ['aaaaaaaaaaaaaaaa', /Repeated characters/],
        ['password1234', /commonly used password/],
        ['ada@example.test', /Your own name or e-mail address is easy to guess/],
        ['Ada Lovelace 1', /Your own name or e-mail address is easy to guess/],
      ] as const) {
        const res = await setup(first, restarted.setupToken, weak);
        assert.equal(res.status, 400, weak);
        const { error } = await json(res);
        assert.equal(error.field, 'password');
        assert.match(error.message, /^This password is too weak: /);
        assert.match(error.message, words);
      }
    });

    it('takes the token of the latest start once, with a strong password', async () => {
      assert.equal((await setup(first, restarted.setupToken, 'correct horse battery staple')).status, 201);
      assert.equal((await setup(first, restarted.setupToken, 'correct horse battery staple', 'b@example.test')).status, 409);
    });

    it('refuses a weak password in the command line `user create` too', async () => {
      const env = processEnv(first.testDb, 0);
      const create = (password: string) =>
        runFile(
          process.execPath,
          [
            MAIN,
            'user',
            'create',
            '--email',
            'grace@example.test',
            '--name',
            'Grace Hopper',
            '--role',
            'responder',
            '--password',
            password,
          ],
          { env },
        ).then(
          (r) => ({ code: 0, out: r.stdout + r.stderr }),
          (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
        );
      const weak = await create('grace hopper1');
      assert.equal(weak.code, 2);
      assert.match(weak.out, /Error: This password is too weak: /);
      const strong = await create('nanoseconds of wire on the desk');
      assert.equal(strong.code, 0, strong.out);
      assert.match(strong.out, /Created responder grace@example.test/);
    });
  });
}
