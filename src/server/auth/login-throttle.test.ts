import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { createUser } from './create-user.ts';
import { FREE_ATTEMPTS, lockMsAfter } from './login-throttle.ts';
import { SYSTEM_ACTOR } from './policy.ts';

const PASSWORD = 'correct horse battery staple';

describe('lockMsAfter', () => {
  it('allows the free attempts, then doubles the lock-out up to 15 minutes', () => {
    const minutes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20].map((n) => lockMsAfter(n) / 60_000);
    assert.deepEqual(minutes, [0, 0, 0, 0, 1, 2, 4, 8, 15, 15, 15]);
  });
});

for (const dialect of await testDialects()) {
  describe(`per-account login throttle on ${dialect}`, () => {
    let now = Date.now();
    const clock = { now: () => new Date(now) };
    let server: TestServer;
    let other: TestServer;
    let address = 0;
    // Every attempt from a new client address: the per-address limit never applies, only the per-account one.
    const login = (via: TestServer, email: string, password: string) =>
      via.request('POST', '/api/v1/auth/login', {
        body: { email, password },
        headers: { 'x-forwarded-for': `10.0.${Math.floor(++address / 250)}.${address % 250}` },
      });
    let users = 0;
    const newUser = async () => {
      const email = `person${++users}@example.test`;
      await createUser(server.deps, SYSTEM_ACTOR, { email, name: `Person ${users}`, role: 'responder', password: PASSWORD });
      return email;
    };

    before(async () => {
      server = await startTestServer({ dialect, clock, env: { TRUST_PROXY: '127.0.0.1' } });
      other = await startTestServer({ testDb: server.testDb, clock, env: { TRUST_PROXY: '127.0.0.1' } });
    });
    after(async () => {
      await other.close();
      await server.close();
    });

    it('locks an account out after five failures spread over many addresses, even for the right password', async () => {
      const email = await newUser();
      for (let i = 0; i < FREE_ATTEMPTS; i++) assert.equal((await login(server, email, `guess number ${i}`)).status, 401);
      const res = await login(server, email, PASSWORD);
      assert.equal(res.status, 429);
      const retryAfter = Number(res.headers.get('retry-after'));
      assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'rate_limited');
      assert.match(body.error.message, /Too many failed attempts for this e-mail address\. Wait 1 minute before trying again/);
      // The address is written differently; it is the same account.
      assert.equal((await login(server, `  ${email.toUpperCase()} `, PASSWORD)).status, 429);
    });

    it('holds across two instances on one database', async () => {
      const email = await newUser();
      for (let i = 0; i < FREE_ATTEMPTS; i++) {
        assert.equal((await login(i % 2 ? other : server, email, `guess number ${i}`)).status, 401);
      }
      assert.equal((await login(server, email, PASSWORD)).status, 429);
      assert.equal((await login(other, email, PASSWORD)).status, 429);
    });

    it('lets no more than five of many simultaneous guesses through', async () => {
      const email = await newUser();
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) => login(i % 2 ? other : server, email, `guess ${i}`).then((r) => r.status)),
      );
      assert.equal(answers.filter((s) => s === 401).length, FREE_ATTEMPTS, answers.join(','));
      assert.equal(answers.filter((s) => s === 429).length, 16 - FREE_ATTEMPTS, answers.join(','));
    });

    it('answers an unknown account exactly as a known one, in about the same time', async () => {
      const known = await newUser();
      const unknown = `nobody${users}@example.test`;
      const run = async (email: string) => {
        const answers: string[] = [];
        const times: number[] = [];
        for (let i = 0; i <= FREE_ATTEMPTS; i++) {
          const started = performance.now();
          const res = await login(i % 2 ? other : server, email, `guess number ${i}`);
          times.push(performance.now() - started);
          answers.push(`${res.status} ${res.headers.get('retry-after')} ${await res.text()}`);
        }
        return { answers, median: times.slice(0, FREE_ATTEMPTS).sort((a, b) => a - b)[2] };
      };
      const a = await run(known);
      const b = await run(unknown);
      assert.deepEqual(b.answers, a.answers);
      assert.match(a.answers.at(-1) ?? '', /^429 60 /);
      // Both verify one argon2 hash: an unknown address is not answered noticeably faster.
      assert.ok(b.median > a.median / 3, `unknown ${b.median.toFixed(0)} ms, known ${a.median.toFixed(0)} ms`);
    });

    it('starts over after a success', async () => {
      const email = await newUser();
      for (let i = 0; i < FREE_ATTEMPTS - 1; i++) assert.equal((await login(server, email, `guess ${i}`)).status, 401);
      assert.equal((await login(other, email, PASSWORD)).status, 200);
      for (let i = 0; i < FREE_ATTEMPTS - 1; i++) assert.equal((await login(server, email, `guess ${i}`)).status, 401);
      assert.equal((await login(server, email, PASSWORD)).status, 200);
    });

    it('lets the lock-out grow with each further failure and lets the owner in once it has passed', async () => {
      const email = await newUser();
      for (let i = 0; i < FREE_ATTEMPTS; i++) await login(server, email, `guess ${i}`);
      const waits = [];
      for (let round = 0; round < 3; round++) {
        const locked = await login(other, email, PASSWORD);
        assert.equal(locked.status, 429);
        const wait = Number(locked.headers.get('retry-after'));
        waits.push(wait);
        now += wait * 1000;
        assert.equal((await login(server, email, 'still guessing')).status, 401);
      }
      assert.deepEqual(waits, [60, 120, 240]);
      now += 480_000;
      assert.equal((await login(server, email, PASSWORD)).status, 200);
    });

    it('keeps the per-address limit for guesses spread over many accounts', async () => {
      const statuses = [];
      for (let i = 0; i < 12; i++) {
        const res = await server.request('POST', '/api/v1/auth/login', {
          body: { email: `spray${i}@example.test`, password: 'not the password' },
          headers: { 'x-forwarded-for': '192.0.2.7' },
        });
        statuses.push(res.status);
        if (res.status === 429) {
          assert.ok(Number(res.headers.get('retry-after')) > 0);
          assert.match(((await res.json()) as { error: { message: string } }).error.message, /from your network address/);
        }
      }
      assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
      assert.equal(statuses[10], 429);
    });
  });
}
