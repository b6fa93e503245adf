import type { Writable } from 'node:stream';
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { DB } from './schema.ts';

interface Bound {
  db: Kysely<DB>;
  /** Writes held back since BEGIN: released together with the first statement, in one system call. */
  corked: boolean;
  socket: Writable;
}

// Each pooled connection gets a query builder of its own, made once: a transaction's statements go to the
// connection that began it, without the query builder's own transaction (which waits for BEGIN's answer).
const bound = new WeakMap<pg.PoolClient, Bound>();

function boundTo(client: pg.PoolClient): Bound {
  let entry = bound.get(client);
  if (!entry) {
    const socket = (client as unknown as { connection: { stream: Writable } }).connection.stream;
    const held = {
      query: (text: string, values: readonly unknown[]) => {
        const result = client.query(text, values as unknown[]);
        uncork(self);
        return result;
      },
      release: () => {},
    };
    const pool = { connect: async () => held, end: async () => {} };
    const self: Bound = { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as never }) }), corked: false, socket };
    entry = self;
    bound.set(client, entry);
  }
  return entry;
}

function uncork(entry: Bound): void {
  if (!entry.corked) return;
  entry.corked = false;
  entry.socket.uncork();
}

function cork(entry: Bound): void {
  if (entry.corked) return;
  entry.corked = true;
  entry.socket.cork();
}

/** The open transactions' connections, and the writes sent in each whose answers nobody has waited for yet. */
const open = new WeakMap<Kysely<DB>, { entry: Bound; client: pg.PoolClient; unanswered: Promise<unknown>[] }>();

/**
 * Sends a write of an open transaction (tx as its work was given it) without waiting for its answer: it leaves with
 * the next statement or the COMMIT, in one system call, and its answer is awaited with the COMMIT's, so it costs no
 * round trip of its own. Its failure fails the commit. Its answer, for what it returns, once the COMMIT has left; null
 * when tx is not such a transaction (then run it as usual).
 */
export function sendAhead(tx: Kysely<DB>, query: CompiledQuery): Promise<pg.QueryResult> | null {
  const transaction = open.get(tx);
  if (!transaction) return null;
  cork(transaction.entry);
  const answer = transaction.client.query(query.sql, query.parameters as unknown[]);
  answer.catch(() => {});
  transaction.unanswered.push(answer);
  return answer;
}

/**
 * PostgreSQL transactions whose BEGIN travels with their first statement: the pool's connections run in the
 * driver's pipeline mode, so BEGIN is sent without waiting for its answer, and it is held in the socket's buffer
 * until the first statement joins it in one write. A transaction then costs one round trip and one system call
 * less; on this kind of machine a round trip is ~60 µs of the server's CPU (the socket write on loopback TCP, the
 * read, the driver's parsing), more than PostgreSQL spends on a short statement.
 * A failed BEGIN fails the statement behind it too, so nothing runs outside the transaction.
 */
export function pipelinedTransactions(pool: pg.Pool) {
  return async function transaction<T>(fn: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    const tx = boundTo(client);
    // BEGIN waits in the socket's buffer for the first statement (both leave in one write).
    cork(tx);
    const begun = client.query('begin');
    // Its failure is also the first statement's, and it is awaited before the commit.
    begun.catch(() => {});
    let lost: Error | undefined;
    const unanswered: Promise<unknown>[] = [];
    try {
      // A query builder of its own for each transaction (sharing the connection's): writers mark the transaction
      // object itself (events appended, jobs enqueued, see core/commit.ts), and marks must not outlive it.
      const db = tx.db.withoutPlugins();
      open.set(db, { entry: tx, client, unanswered });
      const value = await fn(db);
      open.delete(db);
      // The COMMIT leaves with the writes still held back, and their answers come before its own.
      const committing = client.query('commit');
      committing.catch(() => {});
      uncork(tx);
      await begun;
      for (const answer of unanswered) await answer;
      const committed = await committing;
      // PostgreSQL answers COMMIT of a transaction that a failed statement aborted with ROLLBACK: never report
      // such work as done (a statement's error swallowed inside fn would otherwise be acknowledged as written).
      if (committed.command !== 'COMMIT') throw new Error('The transaction was rolled back by a failed statement');
      return value;
    } catch (error) {
      uncork(tx);
      // A write sent ahead that failed aborted the transaction, and every statement after it failed for that
      // reason alone: its own error is the one to report.
      const cause = await firstFailure([begun, ...unanswered]);
      await client.query('rollback').catch((e: Error) => {
        lost = e;
      });
      throw cause ?? error;
    } finally {
      // A connection that could not roll back is closed rather than handed to the next transaction.
      client.release(lost);
    }
  };
}

async function firstFailure(answers: Promise<unknown>[]): Promise<unknown> {
  for (const answer of answers) {
    try {
      await answer;
    } catch (error) {
      return error;
    }
  }
  return undefined;
}
