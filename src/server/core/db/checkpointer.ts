import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';

// Plain JavaScript, evaluated: a TypeScript entry would load the type stripper into the thread (about 20 MB).
const THREAD = `
const { workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const db = new DatabaseSync(workerData.file);
db.exec('PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL');
setInterval(() => db.exec('PRAGMA wal_checkpoint(PASSIVE)'), workerData.intervalMs);
`;

/**
 * Moves SQLite's checkpoints (copying the WAL into the database file and syncing both) off the event loop: the
 * server's connection stops checkpointing, and a thread with its own connection checkpoints every 250 ms
 * without blocking writers (PASSIVE). A checkpoint that ran inside a commit held up every request for
 * 100–300 ms, during alert storms every few seconds. The thread is unref'd: it never keeps the process alive.
 */
export function startCheckpointer(raw: DatabaseSync, file: string): { stop(): Promise<void> } {
  // The WAL is reused from its start after each full checkpoint; the size limit gives back what a storm grew.
  raw.exec('PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864');
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: { file, intervalMs: 250 },
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
  });
  worker.unref();
  worker.on('error', (error) => {
    // Without the thread the WAL would grow without end: the server's connection checkpoints again.
    process.emitWarning(`SQLite checkpoint thread failed: ${error.message}`);
    if (raw.isOpen) raw.exec('PRAGMA wal_autocheckpoint = 10000');
  });
  return {
    async stop() {
      await worker.terminate();
    },
  };
}
