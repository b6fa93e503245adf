import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { DB } from './schema.ts';

// Each pooled connection gets a query builder of its own, made once: a transaction's statements go to the
// connection that began it, without the query builder's own transaction (which waits for BEGIN's answer).
const bound = new WeakMap<pg.PoolClient, Kysely<DB>>();

function boundTo(client: pg.PoolClient): Kysely<DB> {
  let db = bound.get(client);
  if (!db) {
    const held = {
      query: (text: string, values: readonly unknown[]) => client.query(text, values as unknown[]),
      release: () => {},
    };
    const pool = { connect: async () => held, end: async () => {} };
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as never }) });
    bound.set(client, db);
  }
  return db;
}

/**
 * PostgreSQL transactions whose BEGIN travels with their first statement: the pool's connections run in the
 * driver's pipeline mode, so BEGIN is written without waiting for its answer and the first statement follows it
 * at once. A write of a note then costs one round trip less; on this kind of machine a round trip is ~60 µs of
 * the server's CPU (the socket write and read, the driver's parsing), more than the statement itself.
 * A failed BEGIN fails the statement behind it too, so nothing runs outside the transaction.
 */
export function pipelinedTransactions(pool: pg.Pool) {
  return async function transaction<T>(fn: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    const begun = client.query('begin');
    // Its failure is also the first statement's, and it is awaited before the commit.
    begun.catch(() => {});
    let lost: Error | undefined;
    try {
      const value = await fn(boundTo(client));
      await begun;
      const committed = await client.query('commit');
      // PostgreSQL answers COMMIT of a transaction that a failed statement aborted with ROLLBACK: never report
      // such work as done (a statement's error swallowed inside fn would otherwise be acknowledged as written).
      if (committed.command !== 'COMMIT') throw new Error('The transaction was rolled back by a failed statement');
      return value;
    } catch (error) {
      await client.query('rollback').catch((e: Error) => {
        lost = e;
      });
      throw error;
    } finally {
      // A connection that could not roll back is closed rather than handed to the next transaction.
      client.release(lost);
    }
  };
}
