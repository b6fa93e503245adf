import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, type Dialect, openDatabase } from '../core/db/database.ts';
import { vocabularyProblem } from './event-vocabulary.ts';

/** The maintenance database of the test cluster (not one a test creates). */
export const ADMIN_URL = process.env.MUSTER_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let postgresAvailable: Promise<boolean> | null = null;

async function canReachPostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The dialects a database test runs on: SQLite always, PostgreSQL when reachable.
 * With MUSTER_TEST_POSTGRES=required (CI), an unreachable PostgreSQL fails the run instead of skipping.
 */
export async function testDialects(): Promise<Dialect[]> {
  postgresAvailable ??= canReachPostgres();
  if (await postgresAvailable) return ['sqlite', 'postgres'];
  if (process.env.MUSTER_TEST_POSTGRES === 'required') {
    throw new Error(`PostgreSQL tests are required but ${ADMIN_URL} is unreachable`);
  }
  return ['sqlite'];
}

export interface TestDatabase {
  database: Database;
  /** Another connection to the same database (a second instance's view). */
  openAnother(): Database;
  url: string | null;
  file: string | null;
  /** A fresh directory for the files beside the database (DATA_DIR), shared by every instance on it. */
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of the dialect; drop() removes every trace of it. */
export async function createTestDb(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-test-'));
    const file = path.join(dir, 'muster.sqlite');
    const open = () => openDatabase({ dataDir: dir, databaseUrl: null, sqliteFile: file });
    const database = open();
    return {
      database,
      openAnother: open,
      url: null,
      file,
      dataDir: dir,
      async drop() {
        await database.close().catch(() => undefined);
        const problem = await vocabularyProblem(open);
        fs.rmSync(dir, { recursive: true, force: true });
        if (problem) throw new Error(problem);
      },
    };
  }
  const name = `muster_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const open = () => openDatabase({ dataDir: '', databaseUrl: url.toString() });
  const database = open();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-test-'));
  return {
    database,
    openAnother: open,
    url: url.toString(),
    file: null,
    dataDir,
    async drop() {
      await database.close().catch(() => undefined);
      const problem = await vocabularyProblem(open);
      fs.rmSync(dataDir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      if (problem) throw new Error(problem);
    },
  };
}
