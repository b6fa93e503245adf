// A throw-away PostgreSQL database for one benchmark run, on the local server (trust auth, user postgres).
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { onCleanup } from './cleanup.ts';

const HOST = '127.0.0.1';
const PORT = 5432;
const ADMIN_URL = `postgres://postgres@${HOST}:${PORT}/postgres`;

/** Null when PostgreSQL answers at 127.0.0.1:5432, otherwise why not. */
export async function postgresUnavailable(): Promise<string | null> {
  const open = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: HOST, port: PORT, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
  if (!open) return `nothing listens on ${HOST}:${PORT}`;
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return `cannot connect as postgres: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

async function admin(statement: string, url = ADMIN_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  /** VACUUM ANALYZE, as autovacuum would eventually: planner statistics, and no autovacuum during the measurements. */
  vacuumAnalyze(): Promise<void>;
  drop(): Promise<void>;
}

/** Creates muster_bench_<random>; drop() removes it, and so does the clean-up on failure or Ctrl-C. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `muster_bench_${randomBytes(4).toString('hex')}`;
  const url = `postgres://postgres@${HOST}:${PORT}/${name}`;
  await admin(`create database ${name}`);
  const drop = onCleanup(`drop database ${name}`, () => admin(`drop database if exists ${name} with (force)`));
  return { name, url, vacuumAnalyze: () => admin('vacuum analyze', url), drop };
}
