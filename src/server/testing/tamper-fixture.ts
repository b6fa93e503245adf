import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before } from 'node:test';
import pg from 'pg';
import type { Dialect } from '../core/db/database.ts';
import { MAIN, runFile } from './serve-process.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * For tests that edit the database directly, as someone with access to it would, and expect both `verify` (the real
 * process) and the integrity endpoint to name what was changed. Registers its own before and after hooks in the
 * calling describe: a server with customers Acme (a published plan, an alert source) and Bravo. The fields are set
 * once the before hook has run; the functions may be taken at once.
 */
export function tamperFixture(dialect: Dialect) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-anchor-'));
  const f = {
    dir,
    server: undefined as unknown as TestServer,
    admin: '',
    acme: { id: '' },
    bravo: { id: '' },
    /** The Acme alert source's token. */
    source: '',
    /** The environment `verify` and `anchor` run with. */
    env: {} as NodeJS.ProcessEnv,
  };
  const call = async (method: string, url: string, body?: unknown, token = f.admin) => {
    const res = await f.server.request(method, url, { token, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  /** Runs SQL on its own connection, outside Muster; `?` marks a parameter on both dialects. Reads text columns. */
  const rawSql = async <R = Record<string, string>>(query: string, ...params: unknown[]): Promise<R[]> => {
    if (dialect === 'sqlite') {
      const raw = new DatabaseSync(f.server.testDb.file as string);
      try {
        const statement = raw.prepare(query);
        if (/^\s*select/i.test(query)) return statement.all(...(params as never[])) as R[];
        statement.run(...(params as never[]));
        return [];
      } finally {
        raw.close();
      }
    }
    const client = new pg.Client({ connectionString: f.server.testDb.url as string });
    await client.connect();
    try {
      let i = 0;
      return (
        await client.query(
          query.replace(/\?/g, () => `$${++i}`),
          params,
        )
      ).rows;
    } finally {
      await client.end();
    }
  };
  const verify = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    runFile(process.execPath, [MAIN, 'verify', ...args], { env: f.env }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  const integrity = async (id: string) => (await call('GET', `/api/v1/incidents/${id}/integrity`)).body;
  const report = async (fields: Record<string, unknown> = {}) => {
    const res = await call('POST', '/api/v1/incidents', { title: 'Suspicious logins', customerId: f.acme.id, ...fields });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as { id: string; key: string; planVersionId: string | null };
  };
  /** The BROKEN lines of a verify run that found problems; a clean run before and after each test. */
  const brokenLines = async (): Promise<string[]> => {
    const run = await verify();
    assert.equal(run.code, 1, run.stdout + run.stderr);
    return run.stdout.split('\n').filter((line) => line.startsWith('BROKEN '));
  };
  const assertClean = async () => {
    const run = await verify();
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /, 0 broken\n$/);
  };

  before(async () => {
    f.server = await startTestServer({ dialect });
    f.admin = await f.server.userToken('admin');
    f.acme = (await call('POST', '/api/v1/customers', { name: 'Acme', code: 'ACM', timeZone: 'UTC' })).body;
    f.bravo = (await call('POST', '/api/v1/customers', { name: 'Bravo', code: 'BRV', timeZone: 'UTC' })).body;
    assert.equal((await call('POST', `/api/v1/customers/${f.acme.id}/plans`, { approver: 'Kari CISO' })).status, 201);
    f.source = (await call('POST', '/api/v1/alert-sources', { name: 'prom', customerId: f.acme.id })).body.token;
    f.env = {
      ...process.env,
      LOG_LEVEL: 'warn',
      DATA_DIR: dialect === 'sqlite' ? path.dirname(f.server.testDb.file as string) : dir,
      DATABASE_URL: f.server.testDb.url ?? '',
    };
  });
  after(async () => {
    await f.server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return Object.assign(f, { call, rawSql, verify, integrity, report, brokenLines, assertClean });
}
