// The request pipeline's own cost (issue 15): GET /healthz through `app.inject` — every hook, the router, the
// serialiser and the logger, without sockets — on Muster and on a bare Fastify app, in one process, in turns. On a
// shared machine this is steadier than req/s over loopback (which also counts the kernel's socket work, the same
// for both), so it shows what each hook costs.
//
// Alone: `node bench/floor-inject.ts`. BENCH_INJECTS (per turn, default 20,000), BENCH_ROUNDS (default 5),
// BENCH_COMPARE_ROOT=/path/to/another/checkout measures that checkout's app as well (before/after side by side).
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';

const INJECTS = Number(process.env.BENCH_INJECTS || 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);

async function musterApp(root: string): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const { startTestServer } = (await import(path.join(root, 'src/server/testing/test-server.ts'))) as {
    startTestServer(options: object): Promise<{ app: FastifyInstance; close(): Promise<void> }>;
  };
  return startTestServer({ dialect: 'sqlite' });
}

/** Mean µs per request over INJECTS sequential requests. */
async function perRequest(app: FastifyInstance): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < INJECTS; i++) {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    if (response.statusCode !== 200) throw new Error(`GET /healthz answered ${response.statusCode}`);
  }
  return ((performance.now() - started) / INJECTS) * 1000;
}

const bare = Fastify({ logger: false });
bare.get('/healthz', async () => ({ status: 'ok' }));
await bare.ready();
const targets: { name: string; app: FastifyInstance; close(): Promise<void> }[] = [
  { name: 'bare Fastify', app: bare, close: () => bare.close() },
  { name: 'Muster', ...(await musterApp(path.resolve(import.meta.dirname, '..'))) },
];
const compareRoot = process.env.BENCH_COMPARE_ROOT;
if (compareRoot) targets.push({ name: compareRoot, ...(await musterApp(compareRoot)) });
for (const t of targets) await perRequest(t.app); // warm-up

const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  const order = [...targets.slice(round % targets.length), ...targets.slice(0, round % targets.length)];
  for (const t of order) samples.get(t.name)?.push(await perRequest(t.app));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const bareMedian = median(samples.get('bare Fastify') ?? []);
for (const t of targets) {
  const m = median(samples.get(t.name) ?? []);
  console.log(
    `${t.name}: ${m.toFixed(2)} µs per request (median of ${ROUNDS} × ${INJECTS.toLocaleString('en-US')}; ${(samples.get(t.name) ?? []).map((v) => v.toFixed(1)).join(', ')}), ${(m - bareMedian).toFixed(2)} µs over bare Fastify, ${(bareMedian / m).toFixed(2)} × its rate`,
  );
}
for (const t of targets) await t.close();
