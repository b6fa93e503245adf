import { randomUUID } from 'node:crypto';
import type { JobsTable } from '../db/schema.ts';
import type { Tx } from '../db/transaction.ts';
import { insertJob, insertJobs } from './jobs.queries.ts';

/**
 * A kind of durable job. handle must be safe to run twice for the same job (a worker can die after the work
 * and before recording it): use the job id or the payload as an idempotency key where the effect is external.
 */
export interface JobDefinition<P = unknown> {
  name: string;
  handle(payload: P, context: JobContext): Promise<void>;
  /** Attempts before the job becomes a dead letter (default 8). */
  maxAttempts?: number;
}

export interface JobContext {
  jobId: string;
  /** 1 on the first run. */
  attempt: number;
  now: Date;
}

export interface NewJob {
  name: string;
  payload: unknown;
  /** Not before this time (a timer); now when absent. */
  runAt?: Date;
  /** At most one job with this key ever: enqueueing the same work twice is a no-op. */
  uniqueKey?: string;
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

// Transactions that enqueued something: only their commits need to wake the worker (most writes enqueue nothing).
const enqueuing = new WeakSet<Tx>();

/** Whether work was enqueued in this transaction (with group commit: in the batch it belongs to). */
export function enqueuedIn(tx: Tx): boolean {
  return enqueuing.has(tx);
}

/**
 * Enqueues a job inside the caller's transaction, so that it exists if and only if the change that needs it
 * commits. The worker is woken after the commit (see Worker.wake) or finds it by polling.
 */
export async function enqueue(tx: Tx, job: NewJob, now: Date): Promise<string> {
  const id = randomUUID();
  enqueuing.add(tx);
  await insertJob(tx, jobRow(id, job, now));
  return id;
}

/** Enqueues several jobs in one statement (as enqueue does each): a change that needs many timers at once. */
export async function enqueueMany(tx: Tx, jobs: NewJob[], now: Date): Promise<void> {
  if (jobs.length === 0) return;
  enqueuing.add(tx);
  await insertJobs(
    tx,
    jobs.map((job) => jobRow(randomUUID(), job, now)),
  );
}

function jobRow(id: string, job: NewJob, now: Date): JobsTable {
  return {
    id,
    name: job.name,
    payload: JSON.stringify(job.payload ?? null),
    status: 'pending',
    run_at: (job.runAt ?? now).toISOString(),
    attempts: 0,
    max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    lease_until: null,
    leased_by: null,
    last_error: null,
    unique_key: job.uniqueKey ?? null,
    created_at: now.toISOString(),
    finished_at: null,
  };
}

const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60 * 60_000;

/** Exponential backoff with jitter: about 1 s, 2 s, 4 s… capped at an hour, each between half and all of it. */
export function retryDelayMs(attempt: number, random = Math.random()): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
