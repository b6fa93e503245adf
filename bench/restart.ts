// Restart after kill -9 under write load (issue 15): notes at full speed for a while, SIGKILL with requests in
// flight, start again on the same data, and time spawn → first 200 from /readyz. Then every note that was
// acknowledged (201) must be on its incident's timeline. Reports the WAL's size at the kill (SQLite).
// Target: ready < 2 s. Standalone: node bench/restart.ts [sqlite|postgres] [seconds=10]
import fs from 'node:fs';
import path from 'node:path';
import { cleanupAll, installSignalHandlers } from './cleanup.ts';
import { type Api, apiClient, createIncidents, createToken, tempDir } from './fixtures.ts';
import { createBenchDatabase } from './postgres.ts';
import { freePort, serverEnv, startServer } from './server-process.ts';

export const RESTART_TARGET_MS = 2000;

export interface RestartResult {
  dialect: 'sqlite' | 'postgres';
  writeSeconds: number;
  acknowledged: number;
  notesPerSecond: number;
  /** SQLite: the WAL file's size just before the kill. */
  walAtKillMb: number | null;
  /** A clean start on the same data before the load, for comparison. */
  cleanStartMs: number;
  readyAfterKillMs: number;
  missing: number;
  met: boolean;
}

const INCIDENTS = 20;
const CONCURRENCY = 50;

/** Posts notes from CONCURRENCY loops until stopped; returns the bodies that were answered 201, per incident. */
function writeLoad(origin: string, token: string, ids: string[]) {
  const acknowledged = new Map<string, string[]>(ids.map((id) => [id, []]));
  let stopped = false;
  let n = 0;
  const loops = Array.from({ length: CONCURRENCY }, async () => {
    while (!stopped) {
      const id = ids[n % ids.length];
      const body = `restart note ${n++}`;
      try {
        const response = await fetch(`${origin}/api/v1/incidents/${id}/notes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ body }),
        });
        await response.arrayBuffer();
        if (response.status === 201) acknowledged.get(id)!.push(body);
      } catch {
        // The kill: requests in flight fail, and were never acknowledged.
      }
    }
  });
  return {
    acknowledged,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

async function missingNotes(api: Api, acknowledged: Map<string, string[]>): Promise<number> {
  let missing = 0;
  for (const [id, bodies] of acknowledged) {
    const stored = new Set<string>();
    let after = 0;
    for (;;) {
      const page = await api<{ events: { seq: number; data: { body?: string } }[] }>(
        'GET',
        `/api/v1/incidents/${id}/timeline?after=${after}&limit=10000`,
      );
      for (const event of page.events) if (event.data.body) stored.add(event.data.body);
      if (page.events.length < 10_000) break;
      after = page.events[page.events.length - 1].seq;
    }
    for (const body of bodies) if (!stored.has(body)) missing++;
  }
  return missing;
}

export async function measureRestart(
  dialect: 'sqlite' | 'postgres',
  writeSeconds: number,
  log: (message: string) => void,
): Promise<RestartResult> {
  const dataDir = tempDir(`restart-${dialect}`);
  const database = dialect === 'postgres' ? await createBenchDatabase() : null;
  const env = serverEnv({ port: await freePort(), dataDir, databaseUrl: database?.url ?? null });
  try {
    const first = await startServer(env);
    const token = await createToken(env);
    const ids = await createIncidents(apiClient(first.origin, token), INCIDENTS, 'restart targets');
    await first.stop();
    const server = await startServer(env);
    const cleanStartMs = server.readyMs;
    log(`  clean start ${Math.round(cleanStartMs)} ms; notes at full speed for ${writeSeconds} s, then kill -9`);
    const load = writeLoad(server.origin, token, ids);
    await new Promise((resolve) => setTimeout(resolve, writeSeconds * 1000));
    const wal = path.join(dataDir, 'muster.sqlite-wal');
    const walAtKillMb = dialect === 'sqlite' && fs.existsSync(wal) ? fs.statSync(wal).size / 2 ** 20 : null;
    process.kill(server.pid, 'SIGKILL');
    await load.stop();
    await server.stop(); // waits for the exit
    const acknowledged = [...load.acknowledged.values()].reduce((sum, bodies) => sum + bodies.length, 0);
    const again = await startServer(env);
    const readyAfterKillMs = again.readyMs;
    const missing = await missingNotes(apiClient(again.origin, token), load.acknowledged);
    await again.stop();
    const result: RestartResult = {
      dialect,
      writeSeconds,
      acknowledged,
      notesPerSecond: Math.round(acknowledged / writeSeconds),
      walAtKillMb: walAtKillMb === null ? null : Math.round(walAtKillMb * 10) / 10,
      cleanStartMs: Math.round(cleanStartMs),
      readyAfterKillMs: Math.round(readyAfterKillMs),
      missing,
      met: readyAfterKillMs < RESTART_TARGET_MS && missing === 0,
    };
    log(
      `  ${acknowledged} notes acknowledged (${result.notesPerSecond}/s)${walAtKillMb === null ? '' : `, WAL ${result.walAtKillMb} MB at the kill`}; ready ${result.readyAfterKillMs} ms after the restart (clean start ${result.cleanStartMs} ms), ${missing} acknowledged notes missing; target < ${RESTART_TARGET_MS} ms and none missing: ${result.met ? 'met' : 'MISSED'}`,
    );
    return result;
  } finally {
    if (database) await database.drop();
  }
}

/** One line for the report: the figures, and whether the target was met. */
export function restartLine(r: RestartResult): string {
  return `ready after kill -9 under write load: ${r.readyAfterKillMs.toLocaleString('en-US')} ms (clean start ${r.cleanStartMs.toLocaleString('en-US')} ms; ${r.acknowledged.toLocaleString('en-US')} notes in ${r.writeSeconds} s${r.walAtKillMb === null ? '' : `, WAL ${r.walAtKillMb} MB at the kill`}), ${r.missing} acknowledged notes missing; target < ${RESTART_TARGET_MS.toLocaleString('en-US')} ms and none missing: ${r.met ? 'met' : 'MISSED'}`;
}

if (import.meta.main) {
  installSignalHandlers();
  const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
  const seconds = Number(process.argv[3] ?? 10);
  try {
    const result = await measureRestart(dialect, seconds, (m) => process.stderr.write(`${m}\n`));
    console.log(JSON.stringify(result));
    process.exitCode = result.met ? 0 : 1;
  } finally {
    await cleanupAll();
  }
}
