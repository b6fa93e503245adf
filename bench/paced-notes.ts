// Notes at a fixed, evenly paced 1,000 req/s on SQLite for a long run (issue 15: p99 < 20 ms over 60 s), with the
// WAL's size sampled every 250 ms and the server's RSS before and after. Standalone:
//   node bench/paced-notes.ts [seconds=60] [rate=1000]
// MUSTER_COMMIT_TRACE=1 in the environment makes the server log every commit slower than 5 ms (see transaction.ts).
import fs from 'node:fs';
import path from 'node:path';
import { cleanupAll, installSignalHandlers } from './cleanup.ts';
import { apiClient, createIncidents, createToken, tempDir } from './fixtures.ts';
import { runLoad } from './load.ts';
import { freePort, memoryOf, serverEnv, startServer } from './server-process.ts';

const seconds = Number(process.argv[2] ?? 60);
const rate = Number(process.argv[3] ?? 1000);
const log = (message: string) => process.stderr.write(`${message}\n`);

installSignalHandlers();
try {
  const dataDir = tempDir('paced');
  const env = serverEnv({ port: await freePort(), dataDir, databaseUrl: null });
  const logFile = path.join('/tmp', `paced-notes-${process.pid}.log`);
  const server = await startServer(env, { logFile });
  log(`ready in ${Math.round(server.readyMs)} ms; server log ${logFile}`);
  const token = await createToken(env);
  const api = apiClient(server.origin, token);
  const [id] = await createIncidents(api, 1, 'target');
  await new Promise((r) => setTimeout(r, 1000));
  const idle = memoryOf(server.pid);
  const { spawn } = await import('node:child_process');
  const tracer = process.env.STRACE
    ? spawn('strace', [
        '-f',
        '-tt',
        '-T',
        '-e',
        'trace=fsync,fdatasync,ftruncate',
        '-p',
        String(server.pid),
        '-o',
        process.env.STRACE,
      ])
    : null;
  const wal = path.join(dataDir, 'muster.sqlite-wal');
  let walMax = 0;
  const sampler = setInterval(() => {
    try {
      walMax = Math.max(walMax, fs.statSync(wal).size);
    } catch {}
  }, 250);
  const floor = await runLoad({
    kind: 'paced',
    origin: server.origin,
    path: '/healthz',
    method: 'GET',
    headers: {},
    connections: 50,
    durationSeconds: 5,
    warmupSeconds: 0,
    overallRate: rate,
  });
  const result = await runLoad({
    kind: 'paced',
    origin: server.origin,
    path: `/api/v1/incidents/${id}/notes`,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'bench note' }),
    connections: 50,
    durationSeconds: seconds,
    warmupSeconds: 1,
    overallRate: rate,
  });
  clearInterval(sampler);
  tracer?.kill('SIGINT');
  const after = memoryOf(server.pid);
  const walNow = fs.existsSync(wal) ? fs.statSync(wal).size : 0;
  console.log(
    JSON.stringify({
      seconds,
      rate,
      floorPaced: floor.latencyMs,
      notes: { reqPerSec: Math.round(result.reqPerSec), ...result.latencyMs, errors: result.errors, non2xx: result.non2xx },
      met: result.latencyMs.p99 < 20,
      idleRssMb: idle?.rssMb.toFixed(0),
      afterRssMb: after?.rssMb.toFixed(0),
      walMaxMb: (walMax / 2 ** 20).toFixed(1),
      walEndMb: (walNow / 2 ** 20).toFixed(1),
    }),
  );
  await server.stop();
} finally {
  await cleanupAll();
}
