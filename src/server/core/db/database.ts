import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type pg from 'pg';
import { pipelinedTransactions } from './pg-transaction.ts';
import type { DB } from './schema.ts';
import { adaptNodeSqlite } from './sqlite-adapter.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** PostgreSQL only: the connection string, for LISTEN connections. */
  url: string | null;
  /** SQLite only: the raw handle, for transaction control statements that need no query builder. */
  sqlite: DatabaseSync | null;
  /** SQLite only: the database file. */
  file: string | null;
  /** PostgreSQL only: runs fn in one transaction on one pooled connection (see pg-transaction.ts). */
  transaction: (<T>(fn: (tx: Kysely<DB>) => Promise<T>) => Promise<T>) | null;
  close(): Promise<void>;
}

let loaded: typeof pg | null = null;
/** The PostgreSQL driver, loaded on first use: a SQLite installation starts without its ~50 modules. */
export function loadPg(): typeof pg {
  if (!loaded) {
    loaded = createRequire(import.meta.url)('pg') as typeof pg;
    // Positions and counts are bigint in PostgreSQL; they stay far below 2^53.
    loaded.types.setTypeParser(20, (v) => Number(v));
  }
  return loaded;
}

/** Opens the configured database: PostgreSQL when a URL is given, otherwise SQLite in dataDir. */
export function openDatabase(options: { dataDir: string; databaseUrl: string | null; sqliteFile?: string }): Database {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  fs.mkdirSync(options.dataDir, { recursive: true });
  return openSqlite(options.sqliteFile ?? path.join(options.dataDir, 'muster.sqlite'));
}

function openSqlite(file: string): Database {
  const sqlite = adaptNodeSqlite(file);
  // WAL with synchronous=NORMAL: a committed transaction survives the process being killed
  // (it is in the WAL through the OS); only a power loss can take the last commits.
  sqlite.raw.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 10000;',
  );
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', url: null, sqlite: sqlite.raw, file, transaction: null, close: () => db.destroy() };
}

function openPostgres(url: string): Database {
  // Pipeline mode: a statement is written at once even while the one before it awaits its answer (each keeps its
  // own sync point); only transactions use it, to send BEGIN with their first statement.
  const pool = new (loadPg().Pool)({ connectionString: url, max: 10, pipeline: true });
  // An idle connection that the server drops must not crash the process; the pool replaces it.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`));
  pool.on('connect', (client) => nameStatements(client));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const transaction = pipelinedTransactions(pool);
  return { db, dialect: 'postgres', url, sqlite: null, file: null, transaction, close: () => db.destroy() };
}

// Parameterised statements are sent as named (prepared) statements: each connection parses and plans a text once,
// then only binds and executes it. Texts are few (the query builder's output per call site and shape); past the
// cap, new texts go unnamed so that a run of ever-new texts cannot grow every connection's statement cache.
const MAX_NAMED = 1000;
const statementNames = new Map<string, string>();

/**
 * Put in a statement's text (PostgreSQL) to send it unnamed: planned anew with its values each time. For statements
 * whose best plan depends on a value, such as a search's words: a named statement's plan becomes, after five runs,
 * one generic plan for every value (a common word's read went through the whole trigram index, 14 ms instead of 1).
 */
export const PLAN_WITH_VALUES = '/* plan with values */';

function nameStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || text.includes(PLAN_WITH_VALUES))
      return query(text, values, ...rest);
    let name = statementNames.get(text);
    if (name === undefined && statementNames.size < MAX_NAMED) {
      name = `m${statementNames.size}`;
      statementNames.set(text, name);
    }
    return name === undefined ? query(text, values, ...rest) : query({ name, text, values }, ...rest);
  };
}

/** True when the database answers a trivial query. */
export async function isReachable(database: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}
