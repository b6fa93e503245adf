import fs from 'node:fs';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CompiledQuery, Kysely, QueryResult } from 'kysely';
import { enterWrite, leaveWrite } from './checkpointer.ts';
import type { Database } from './database.ts';
import { sendAhead } from './pg-transaction.ts';
import type { DB } from './schema.ts';

export type Tx = Kysely<DB>;

/**
 * Runs a write whose answer nothing in the transaction waits for (no rows wanted; its failure fails the whole
 * transaction). In a PostgreSQL transaction it is sent without waiting and answered with the COMMIT, one round trip
 * less (see sendAhead); elsewhere it runs now.
 */
export async function writeUnanswered(tx: Tx, query: { compile(): CompiledQuery }): Promise<void> {
  const compiled = query.compile();
  if (!sendAhead(tx, compiled)) await tx.executeQuery(compiled);
}

/**
 * Sends a write of an open PostgreSQL transaction ahead (see sendAhead): its answer, which comes with the COMMIT's,
 * so nothing in the transaction may wait for it. Null when tx is no such transaction.
 */
export function writeAhead<R>(tx: Tx, query: CompiledQuery): Promise<QueryResult<R>> | null {
  return sendAhead(tx, query)?.then((result) => ({ rows: result.rows as R[] })) ?? null;
}

interface QueuedWork {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const MAX_GROUP = 256;
// MUSTER_COMMIT_TRACE=1: log every commit slower than 5 ms with the WAL's size (bench/paced-notes.ts reads it).
const TRACE = process.env.MUSTER_COMMIT_TRACE === '1';

function traceCommit(database: Database, requests: number, ms: number): void {
  if (ms < 5) return;
  let walMb = -1;
  try {
    walMb = fs.statSync(`${database.file}-wal`).size / 2 ** 20;
  } catch {}
  process.stderr.write(`slow commit: ${ms.toFixed(1)} ms, ${requests} requests, WAL ${walMb.toFixed(1)} MB\n`);
}
const queues = new WeakMap<Database, { work: QueuedWork[]; draining: boolean }>();

/**
 * Runs fn in one transaction: everything it writes commits together or not at all, and the returned promise
 * settles only after the commit. Do not nest calls.
 *
 * SQLite has one writer, so concurrent transactions are queued and run back to back inside one real
 * transaction (group commit), each in its own savepoint so that a failure rolls back only its own work.
 * One commit then carries many requests' writes.
 */
export function withTransaction<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (database.transaction) return database.transaction(fn);
  let queue = queues.get(database);
  if (!queue) {
    queue = { work: [], draining: false };
    queues.set(database, queue);
  }
  const q = queue;
  return new Promise<T>((resolve, reject) => {
    q.work.push({ fn, resolve: resolve as (v: unknown) => void, reject });
    if (!q.draining) void drain(database, q);
  });
}

async function drain(database: Database, queue: { work: QueuedWork[]; draining: boolean }): Promise<void> {
  queue.draining = true;
  try {
    while (queue.work.length > 0) {
      // Let pending I/O run first: requests that arrive meanwhile join this group instead of waiting for the next.
      await new Promise((resolve) => setImmediate(resolve));
      const raw = database.sqlite as DatabaseSync;
      // While the checkpoint thread resets the WAL, wait here (requests arriving meanwhile join the group)
      // rather than in SQLite's busy handler, which would sleep on the event loop.
      const gate = enterWrite(raw);
      if (gate) await gate;
      const group = queue.work.splice(0, MAX_GROUP);
      const outcomes: { ok: boolean; value: unknown }[] = [];
      try {
        // The connection is held for the whole group, so control statements go straight to the handle.
        const control = controlStatements(raw);
        await database.db.connection().execute(async (connection) => {
          raw.exec('begin immediate');
          try {
            for (const work of group) {
              control.savepoint.run();
              try {
                outcomes.push({ ok: true, value: await work.fn(connection) });
                control.release.run();
              } catch (error) {
                control.rollbackTo.run();
                control.release.run();
                outcomes.push({ ok: false, value: error });
              }
            }
            const committing = TRACE ? performance.now() : 0;
            raw.exec('commit');
            if (TRACE) traceCommit(database, group.length, performance.now() - committing);
          } catch (error) {
            if (raw.isTransaction) raw.exec('rollback');
            throw error;
          }
        });
      } catch (error) {
        for (const work of group) work.reject(error);
        continue;
      } finally {
        leaveWrite(raw);
      }
      group.forEach((work, i) => {
        const { ok, value } = outcomes[i];
        if (ok) work.resolve(value);
        else work.reject(value);
      });
    }
  } finally {
    queue.draining = false;
  }
}

const prepared = new WeakMap<DatabaseSync, Record<'savepoint' | 'release' | 'rollbackTo', StatementSync>>();
function controlStatements(raw: DatabaseSync) {
  let statements = prepared.get(raw);
  if (!statements) {
    statements = {
      savepoint: raw.prepare('savepoint work'),
      release: raw.prepare('release work'),
      rollbackTo: raw.prepare('rollback to work'),
    };
    prepared.set(raw, statements);
  }
  return statements;
}

/** True for a unique-constraint violation on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errcode?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
