import fs from 'node:fs';
import path from 'node:path';
import type { UserRole } from '../../shared/incident-vocabulary.ts';
import type { MembershipRole } from '../../shared/prepare-types.ts';
import { WEB_ROOT } from '../app.ts';
import { createUser } from '../auth/create-user.ts';
import { createApiToken } from '../auth/credentials.ts';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import { buildWeb } from '../build-web.ts';
import type { Clock } from '../core/clock.ts';
import { type ConnectionsConfig, loadConfig } from '../core/config.ts';
import type { Dialect } from '../core/db/database.ts';
import { withTransaction } from '../core/db/transaction.ts';
import type { WorkerOptions } from '../core/jobs/worker.ts';
import { upsertMembership } from '../customers/memberships.queries.ts';
import { type RunningServer, startServer } from '../server.ts';
import { createTestDb, type TestDatabase } from './test-db.ts';

export interface TestServer extends RunningServer {
  /** The one-time token of the setup URL printed at start. */
  setupToken: string | null;
  testDb: TestDatabase;
  /** Creates a user and returns a bearer token for it. */
  userToken(role?: UserRole, name?: string): Promise<string>;
  /** Creates a viewer of our own organisation who holds `role` for one customer; returns a bearer token. */
  memberToken(customerId: string, role: MembershipRole, name?: string): Promise<string>;
  /** fetch against the server with a bearer token; bodies are sent as JSON. */
  request(
    method: string,
    url: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
}

let webBuild: Promise<void> | null = null;

/** Builds the web UI once if dist/web is missing (browser tests need it). */
export function ensureWebBuild(): Promise<void> {
  if (fs.existsSync(path.join(WEB_ROOT, 'index.html'))) return Promise.resolve();
  webBuild ??= buildWeb({ quiet: true });
  return webBuild;
}

/**
 * Starts the real server on a random loopback port over a fresh database.
 * Pass `testDb` to start a second instance on the same database.
 */
export async function startTestServer(
  options: {
    dialect?: Dialect;
    clock?: Clock;
    web?: boolean;
    testDb?: TestDatabase;
    worker?: WorkerOptions;
    env?: Record<string, string>;
    /** Connection timeouts below what the settings accept (IDLE_TIMEOUT_MS must be over 15 s), for quick tests. */
    connections?: Partial<ConnectionsConfig>;
  } = {},
): Promise<TestServer> {
  if (options.web) await ensureWebBuild();
  const ownDb = !options.testDb;
  const testDb = options.testDb ?? (await createTestDb(options.dialect ?? 'sqlite'));
  const database = ownDb ? testDb.database : testDb.openAnother();
  const loaded = loadConfig({ LOG_LEVEL: 'warn', DATA_DIR: testDb.dataDir, ...options.env });
  const config = {
    ...loaded,
    connections: { ...loaded.connections, ...options.connections },
    port: 0,
    host: '127.0.0.1',
    databaseUrl: testDb.url,
  };
  const server = await startServer(config, { clock: options.clock, database, quiet: true, worker: options.worker });
  config.publicUrl = server.url;
  const setupToken = server.setupUrl ? new URL(server.setupUrl).searchParams.get('token') : null;
  let users = 0;
  const userToken = async (role: UserRole, name?: string) => {
    users += 1;
    const user = await createUser(server.deps, SYSTEM_ACTOR, {
      email: `${role}${users}.${Date.now()}@example.test`,
      name: name ?? `Test ${role} ${users}`,
      role,
      password: 'correct horse battery staple',
    });
    return { token: (await createApiToken(server.deps, user.id, 'test')).token, userId: user.id };
  };
  return {
    ...server,
    testDb,
    setupToken,
    userToken: (role = 'admin', name) => userToken(role, name).then((u) => u.token),
    async memberToken(customerId, role, name) {
      const { token, userId } = await userToken('viewer', name);
      const created_at = new Date().toISOString();
      await withTransaction(server.deps.database, (tx) =>
        upsertMembership(tx, { user_id: userId, customer_id: customerId, role, created_at }),
      );
      return token;
    },
    request(method, url, { token, body, headers = {} } = {}) {
      return fetch(`${server.url}${url}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async close() {
      await server.close();
      if (ownDb) await testDb.drop();
    },
  };
}
