// The request floor (issue 15): GET /healthz on Muster against the same route on a bare Fastify app
// (bench/bare-fastify.ts), measured in turns in one run so that both see the same machine, with the server's CPU
// time per request.
//
// Alone: `node bench/floor.ts` starts a SQLite server in a temporary folder. BENCH_SECONDS (default 5),
// BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 50). BENCH_COMPARE_ROOT=/path/to/another/checkout also
// starts that checkout's server on its own data and measures it in the same rounds (before/after side by side).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { installSignalHandlers, onCleanup, runStandalone } from './cleanup.ts';
import { tempDir } from './fixtures.ts';
import { type LoadResult, runLoad } from './load.ts';
import { cpuSecondsOf, freePort, serverEnv, startServer } from './server-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);

/** GET /healthz at full speed; with the CPU time the serving process spent per request (warm-up included). */
async function measure(origin: string, pid: number): Promise<{ load: LoadResult; cpuMicros: number }> {
  const cpuBefore = cpuSecondsOf(pid) ?? 0;
  const started = performance.now();
  const load = await runLoad({
    kind: 'autocannon',
    origin,
    path: '/healthz',
    method: 'GET',
    headers: {},
    connections: CONNECTIONS,
    durationSeconds: SECONDS,
    warmupSeconds: 1,
  });
  const cpuShare = ((cpuSecondsOf(pid) ?? 0) - cpuBefore) / ((performance.now() - started) / 1000);
  return { load, cpuMicros: (cpuShare / load.reqPerSec) * 1e6 };
}

async function startBare(): Promise<{ origin: string; pid: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'bare-fastify.ts'), String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  onCleanup('stop the bare Fastify app', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`the bare Fastify app exited (${code}) before it was ready`)));
  });
  return { origin: `http://127.0.0.1:${port}`, pid: child.pid as number };
}

async function main(): Promise<undefined> {
  installSignalHandlers();
  const env = serverEnv({ port: await freePort(), dataDir: tempDir('floor'), databaseUrl: null });
  const server = await startServer(env);
  const compareRoot = process.env.BENCH_COMPARE_ROOT;
  const other = compareRoot
    ? await startServer(serverEnv({ port: await freePort(), dataDir: tempDir('floor-compare'), databaseUrl: null }), {
        main: path.join(compareRoot, 'src/main.ts'),
      })
    : null;
  const bare = await startBare();
  const targets = [
    { name: 'Muster', origin: server.origin, pid: server.pid },
    ...(other && compareRoot ? [{ name: compareRoot, origin: other.origin, pid: other.pid }] : []),
  ];
  const ratios = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  const cpuRatios = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  const int = (n: number) => Math.round(n).toLocaleString('en-US');
  for (let round = 1; round <= ROUNDS; round++) {
    // The order turns every round, so that none is always measured first.
    const order = [...targets.map((t) => ({ ...t, bare: false })), { name: 'bare Fastify', ...bare, bare: true }];
    for (let i = 1; i < round; i++) order.push(order.shift() as (typeof order)[number]);
    const results = new Map<string, Awaited<ReturnType<typeof measure>>>();
    for (const t of order) results.set(t.name, await measure(t.origin, t.pid));
    const b = results.get('bare Fastify') as Awaited<ReturnType<typeof measure>>;
    const line = [`round ${round}: bare Fastify ${int(b.load.reqPerSec)} req/s (${b.cpuMicros.toFixed(1)} µs CPU/req)`];
    for (const t of targets) {
      const m = results.get(t.name) as Awaited<ReturnType<typeof measure>>;
      ratios.get(t.name)?.push(m.load.reqPerSec / b.load.reqPerSec);
      cpuRatios.get(t.name)?.push(b.cpuMicros / m.cpuMicros);
      line.push(
        `${t.name} ${int(m.load.reqPerSec)} req/s (${m.cpuMicros.toFixed(1)} µs CPU/req, non-2xx ${m.load.non2xx}): ${(m.load.reqPerSec / b.load.reqPerSec).toFixed(2)} × by req/s, ${(b.cpuMicros / m.cpuMicros).toFixed(2)} × by CPU per request`,
      );
    }
    console.log(line.join('\n  '));
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor((values.length - 1) / 2)];
  for (const t of targets) {
    console.log(
      `median ${t.name} / bare Fastify: ${median(ratios.get(t.name) ?? []).toFixed(2)} × by req/s, ${median(cpuRatios.get(t.name) ?? []).toFixed(2)} × by CPU per request`,
    );
  }
  await other?.stop();
  await server.stop();
}

runStandalone(main);
