import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import type { JobsTable } from '../db/schema.ts';
import { claimDueJobs, failJob, finishJob, nextDueTime } from './jobs.queries.ts';
import type { JobDefinition } from './jobs.ts';
import { DEFAULT_MAX_ATTEMPTS, retryDelayMs } from './jobs.ts';

export interface Worker {
  /** Something was enqueued here: look now rather than at the next poll. */
  wake(): void;
  /** Claims and runs every job due now, waiting for them; the number run. For tests with an injected clock. */
  runDue(): Promise<number>;
  /** Stops claiming, waits for the jobs in hand. */
  stop(): Promise<void>;
}

export interface WorkerOptions {
  concurrency?: number;
  /** Longest sleep between looks at the table; other instances' jobs are found within this. */
  pollMs?: number;
  /** How long a claimed job is ours; a worker that dies loses its jobs to others after this. */
  leaseMs?: number;
  /** false: never runs by itself, only through runDue (tests). */
  autoStart?: boolean;
}

interface Log {
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

/**
 * Works durable jobs: claims due ones with a lease, runs their handler, then records success, a retry with
 * backoff, or a dead letter. Survives restarts because everything it knows is in the jobs table.
 */
export function startWorker(
  database: Database,
  clock: Clock,
  log: Log,
  definitions: JobDefinition[],
  options: WorkerOptions = {},
): Worker {
  const { concurrency = 8, pollMs = 1000, leaseMs = 60_000, autoStart = true } = options;
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const workerId = randomUUID();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let looking: Promise<number> | null = null;
  let lookAgain = false;

  async function run(job: JobsTable): Promise<void> {
    const definition = byName.get(job.name);
    const now = clock.now();
    try {
      if (!definition) throw new Error(`No handler for jobs named ${job.name}`);
      await definition.handle(JSON.parse(job.payload), { jobId: job.id, attempt: job.attempts, now });
      await finishJob(database.db, job.id, workerId, clock.now().toISOString());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const max = definition?.maxAttempts ?? job.max_attempts ?? DEFAULT_MAX_ATTEMPTS;
      const retryAt = job.attempts < max ? new Date(clock.now().getTime() + retryDelayMs(job.attempts)).toISOString() : null;
      if (!retryAt) log.warn({ jobId: job.id, name: job.name, error: message }, 'job failed for the last time: dead letter');
      await failJob(database.db, job.id, workerId, message.slice(0, 2000), retryAt, clock.now().toISOString()).catch((err) =>
        log.error({ err, jobId: job.id }, 'could not record a job failure'),
      );
    }
  }

  async function claimAndStart(): Promise<number> {
    const free = concurrency - inFlight.size;
    if (free <= 0 || stopped || byName.size === 0) return 0;
    const now = clock.now();
    const jobs = await claimDueJobs(database.db, database.dialect, {
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      workerId,
      limit: free,
      names: [...byName.keys()],
    });
    for (const job of jobs) {
      const running = run(job).finally(() => {
        inFlight.delete(running);
        schedule(0);
      });
      inFlight.add(running);
    }
    return jobs.length;
  }

  async function look(): Promise<number> {
    if (looking) {
      lookAgain = true;
      return looking;
    }
    looking = (async () => {
      let started = 0;
      try {
        do {
          lookAgain = false;
          started += await claimAndStart();
        } while (lookAgain && !stopped);
      } catch (err) {
        log.error({ err }, 'could not claim jobs');
      } finally {
        looking = null;
      }
      return started;
    })();
    return looking;
  }

  function schedule(delayMs: number): void {
    if (stopped || !autoStart) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
  }

  async function tick(): Promise<void> {
    timer = null;
    await look();
    // Every slot taken: the next job to finish looks again, so nothing is asked of the database meanwhile.
    if (inFlight.size >= concurrency) return;
    let delay = pollMs;
    try {
      const next = await nextDueTime(database.db, [...byName.keys()]);
      if (next) delay = Math.max(0, Math.min(pollMs, Date.parse(next) - clock.now().getTime()));
    } catch {}
    schedule(delay);
  }

  schedule(0);

  return {
    wake: () => schedule(0),
    async runDue() {
      let total = 0;
      for (;;) {
        const started = await look();
        await Promise.all(inFlight);
        total += started;
        if (started === 0) return total;
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await looking;
      await Promise.all(inFlight);
    },
  };
}
