import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';

// The write gate, shared with the thread: one Int32 holding who may use the database's write lock right now.
const OPEN = 0; // nobody: the writer or the thread may take it
const WRITING = 1; // the event loop's writer is inside a transaction
const CHECKPOINTING = 2; // the thread is resetting the WAL
// Slot 1 counts the writer's transactions, so the thread can tell a quiet moment from a busy one.
const WRITES = 1;

// Plain JavaScript, evaluated: a TypeScript entry would load the type stripper into the thread (about 20 MB).
const THREAD = `
const { workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const { gate, intervalMs, resetFrames, quietResetFrames } = workerData;
const db = new DatabaseSync(workerData.file);
// A short busy timeout: the thread never waits long for a reader of another connection; it tries again later.
db.exec('PRAGMA busy_timeout = 20; PRAGMA synchronous = NORMAL');
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const truncate = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)');
const userVersion = db.prepare('PRAGMA user_version');
const trace = process.env.MUSTER_CHECKPOINT_TRACE === '1';
let writesSeen = -1;

function resetWal() {
  // Take the gate between two of the writer's transactions; the writer waits for it without blocking its loop.
  const until = Date.now() + 200;
  while (Atomics.compareExchange(gate, 0, ${OPEN}, ${CHECKPOINTING}) !== ${OPEN}) {
    if (Date.now() > until) return false;
    Atomics.wait(gate, 0, ${WRITING}, 20);
  }
  const started = performance.now();
  try {
    const result = truncate.get();
    if (result.busy === 0) {
      // The first frame after a reset writes and syncs the WAL's header. Written here, that sync happens in
      // this thread and not in the next request's commit. Writing the unchanged user_version dirties one page.
      db.exec('BEGIN IMMEDIATE');
      try {
        db.exec('PRAGMA user_version = ' + Number(userVersion.get().user_version));
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    }
    if (trace) process.stderr.write('CHECKPOINT reset ' + (performance.now() - started).toFixed(1) + ' ms ' + JSON.stringify(result) + String.fromCharCode(10));
    return result.busy === 0;
  } finally {
    Atomics.store(gate, 0, ${OPEN});
    Atomics.notify(gate, 0);
  }
}

setInterval(() => {
  try {
    const started = performance.now();
    const result = passive.get();
    if (trace) process.stderr.write('CHECKPOINT passive ' + (performance.now() - started).toFixed(1) + ' ms ' + JSON.stringify(result) + String.fromCharCode(10));
    const writes = Atomics.load(gate, ${WRITES});
    const quiet = writes === writesSeen;
    writesSeen = writes;
    if (result.log >= resetFrames || (quiet && result.log >= quietResetFrames)) resetWal();
  } catch (error) {
    // Busy or interrupted: the next tick tries again.
    if (trace) process.stderr.write('CHECKPOINT failed ' + error.message + String.fromCharCode(10));
  }
}, intervalMs);
`;

const gates = new WeakMap<DatabaseSync, Int32Array>();

/**
 * Moves SQLite's checkpoints (copying the WAL into the database file and syncing both) off the event loop, and
 * keeps the WAL bounded. The server's connection never checkpoints (`wal_autocheckpoint=0`); a thread with its
 * own connection copies the WAL into the database every 250 ms without blocking writers (PASSIVE). Under a
 * steady stream of writes a PASSIVE checkpoint never finds the WAL idle, so SQLite never starts it again from
 * the beginning and it grows without end (500 MB in 30 s at 1,000 notes/s); when it holds more than 64 MB (or
 * 4 MB at a quiet moment), the thread takes the write gate between two of the writer's transactions and resets
 * it (TRUNCATE), then writes the new WAL's first frame so that the header's sync is also the thread's.
 * The thread is unref'd: it never keeps the process alive. See docs/decisions/0021-checkpoints-reset-the-wal-in-their-thread.md.
 */
export function startCheckpointer(
  raw: DatabaseSync,
  file: string,
  options: { intervalMs?: number; resetFrames?: number; quietResetFrames?: number } = {},
): { stop(): Promise<void> } {
  // The size limit gives back what a WAL grew to whenever the writer itself starts it again.
  raw.exec('PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864');
  const gate = new Int32Array(new SharedArrayBuffer(8));
  gates.set(raw, gate);
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: {
      file,
      gate,
      intervalMs: options.intervalMs ?? 250,
      resetFrames: options.resetFrames ?? 16_384,
      quietResetFrames: options.quietResetFrames ?? 1_024,
    },
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
  });
  worker.unref();
  let stopped = false;
  const release = () => {
    gates.delete(raw);
    Atomics.store(gate, 0, OPEN);
    Atomics.notify(gate, 0);
  };
  worker.on('error', (error) => {
    // Without the thread the WAL would grow without end: the server's connection checkpoints again.
    release();
    process.emitWarning(`SQLite checkpoint thread failed: ${error.message}`);
    if (raw.isOpen) raw.exec('PRAGMA wal_autocheckpoint = 10000');
  });
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      await worker.terminate();
      release();
    },
  };
}

/**
 * Resolves when the connection's writer may begin a transaction, and marks it as writing; null when it may
 * begin at once. The writer waits here, without blocking the event loop, while the checkpoint thread resets
 * the WAL (a few milliseconds), instead of sleeping inside SQLite's busy handler on the loop.
 */
export function enterWrite(raw: DatabaseSync): Promise<void> | null {
  const gate = gates.get(raw);
  // OPEN: now the writer's. WRITING: already the writer's (one writer per connection), nothing to wait for.
  if (!gate || Atomics.compareExchange(gate, 0, OPEN, WRITING) !== CHECKPOINTING) return null;
  return (async () => {
    for (;;) {
      const waited = Atomics.waitAsync(gate, 0, CHECKPOINTING, 1000);
      if (waited.async) await waited.value;
      if (!gates.has(raw) || Atomics.compareExchange(gate, 0, OPEN, WRITING) !== CHECKPOINTING) return;
    }
  })();
}

/** Ends what enterWrite began: counts the transaction and lets the checkpoint thread in. */
export function leaveWrite(raw: DatabaseSync): void {
  const gate = gates.get(raw);
  if (!gate) return;
  Atomics.add(gate, WRITES, 1);
  Atomics.store(gate, 0, OPEN);
  Atomics.notify(gate, 0);
}
