import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { sql } from 'kysely';
import type { Database } from './database.ts';

const stampStatements = new WeakMap<DatabaseSync, StatementSync>();

/**
 * SQLite: a value that changes whenever anything in the database may have changed, by this connection (its count
 * of rows changed, which rolled-back changes raise as well) or by another one (data_version).
 */
export function sqliteChangeStamp(raw: DatabaseSync): string {
  let statement = stampStatements.get(raw);
  if (!statement) {
    statement = raw.prepare('select total_changes() as c, data_version as v from pragma_data_version');
    stampStatements.set(raw, statement);
  }
  const row = statement.get() as { c: number; v: number };
  return `${row.c}/${row.v}`;
}

/**
 * A value that is the same at two moments only if nothing a reader can see changed in between, or null when it
 * cannot be told (a read inside an open SQLite transaction may see that transaction's own rows).
 *
 * PostgreSQL: the current snapshot (xmin:xmax:running ids). Two equal snapshots see the same committed data: a
 * commit removes a running id or, for a transaction begun since, raises xmax; reads assign no ids. Writes in other
 * databases of the cluster move it too, which only costs a fresh read.
 */
export async function changeStamp(database: Database): Promise<string | null> {
  const raw = database.sqlite;
  if (raw) return raw.isTransaction ? null : sqliteChangeStamp(raw);
  return sharedSnapshot(database);
}

async function readSnapshot(database: Database): Promise<string> {
  const { rows } = await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(database.db);
  return rows[0].s;
}

interface SnapshotReads {
  /** The read on its way. */
  sent: Promise<string> | null;
  /** The read to send when that one is back, shared by everyone who asked meanwhile. */
  next: Promise<string> | null;
}

const snapshotReads = new WeakMap<Database, SnapshotReads>();

/**
 * PostgreSQL's snapshot, one read for many requests: whoever asks while a read is on its way shares the read sent
 * when it is back. Not the one on its way: it was sent before they asked, so it may predate a commit their client
 * has already seen acknowledged (on this instance or another), and a kept answer from before it would hide it.
 */
function sharedSnapshot(database: Database): Promise<string> {
  let reads = snapshotReads.get(database);
  if (!reads) {
    reads = { sent: null, next: null };
    snapshotReads.set(database, reads);
  }
  const state = reads;
  const send = (): Promise<string> => {
    const read = readSnapshot(database);
    state.sent = read;
    const done = () => {
      if (state.sent === read) state.sent = null;
    };
    read.then(done, done);
    return read;
  };
  if (!state.sent) return send();
  if (!state.next) {
    const sendNext = () => {
      state.next = null;
      return send();
    };
    state.next = state.sent.then(sendNext, sendNext);
  }
  return state.next;
}
