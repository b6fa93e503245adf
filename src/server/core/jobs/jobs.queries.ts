import { sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { JobsTable } from '../db/schema.ts';
import type { Tx } from '../db/transaction.ts';

export async function insertJob(tx: Tx, row: JobsTable): Promise<void> {
  let query = tx.insertInto('jobs').values(row);
  if (row.unique_key) query = query.onConflict((oc) => oc.column('unique_key').doNothing());
  await query.execute();
}

/** Several jobs in one statement; a row whose unique_key exists already is left out, as insertJob does. */
export async function insertJobs(tx: Tx, rows: JobsTable[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insertInto('jobs')
    .values(rows)
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .execute();
}

/**
 * Leases up to `limit` due jobs to `workerId`: pending ones whose time has come, and running ones whose lease
 * ran out (their worker died). On PostgreSQL SKIP LOCKED lets several instances claim side by side without
 * ever claiming the same job; SQLite has one writer, so the single statement is enough. Only jobs this
 * worker has handlers for are taken, so an instance of an older version leaves newer kinds of job alone.
 */
export function claimDueJobs(
  tx: Tx,
  dialect: Dialect,
  options: { now: string; leaseUntil: string; workerId: string; limit: number; names: string[] },
): Promise<JobsTable[]> {
  const { now, leaseUntil, workerId, limit, names } = options;
  return tx
    .updateTable('jobs')
    .set({ status: 'running', attempts: sql`attempts + 1`, lease_until: leaseUntil, leased_by: workerId })
    .where('id', 'in', (eb) => {
      const due = eb
        .selectFrom('jobs')
        .select('id')
        .where('name', 'in', names)
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'pending'), w('run_at', '<=', now)]),
            w.and([w('status', '=', 'running'), w('lease_until', '<', now)]),
          ]),
        )
        .orderBy('run_at')
        .limit(limit);
      return dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
    })
    .returningAll()
    .execute();
}

/** Marks a leased job done; false when the lease was lost meanwhile (another worker has it now). */
export async function finishJob(tx: Tx, id: string, workerId: string, now: string): Promise<boolean> {
  const result = await tx
    .updateTable('jobs')
    .set({ status: 'done', finished_at: now, lease_until: null, last_error: null })
    .where('id', '=', id)
    .where('leased_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** After a failure: back to pending at retryAt, or dead (a dead letter) when retryAt is null. */
export async function failJob(tx: Tx, id: string, workerId: string, error: string, retryAt: string | null, now: string) {
  await tx
    .updateTable('jobs')
    .set(
      retryAt
        ? { status: 'pending', run_at: retryAt, lease_until: null, last_error: error }
        : { status: 'dead', finished_at: now, lease_until: null, last_error: error },
    )
    .where('id', '=', id)
    .where('leased_by', '=', workerId)
    .where('status', '=', 'running')
    .execute();
}

/** When the next pending job of these kinds is due (others are left to the instances that handle them). */
export async function nextDueTime(tx: Tx, names: string[]): Promise<string | null> {
  if (names.length === 0) return null;
  const row = await tx
    .selectFrom('jobs')
    .select((eb) => eb.fn.min('run_at').as('next'))
    .where('status', '=', 'pending')
    .where('name', 'in', names)
    .executeTakeFirst();
  return (row?.next as string | null | undefined) ?? null;
}

export function listJobs(tx: Tx, status: string, limit: number): Promise<JobsTable[]> {
  return tx.selectFrom('jobs').selectAll().where('status', '=', status).orderBy('run_at', 'desc').limit(limit).execute();
}

/** Gives a dead letter another go: pending now, with its attempts counted afresh. */
export async function retryDeadJob(tx: Tx, id: string, now: string): Promise<boolean> {
  const result = await tx
    .updateTable('jobs')
    .set({ status: 'pending', run_at: now, attempts: 0, finished_at: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
