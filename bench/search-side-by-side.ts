// Development aid: this checkout's server and another checkout's, each on a database of the same 100,000 generated
// incidents (bench/search-pg-seed.ts, once with each checkout), timed in turns in the same minutes: single-client
// searches (each sample paired with GET /healthz), then the filtered list with a common word under load (autocannon,
// as in `npm run bench`), alternating. `node bench/search-side-by-side.ts <before checkout> <before url> <after url>`.
import path from 'node:path';
import { tempDir } from './fixtures.ts';
import { runLoad } from './load.ts';
import { freePort, type RunningServer, runCli, serverEnv, startServer } from './server-process.ts';

const [beforeRoot, beforeUrl, afterUrl] = process.argv.slice(2);
const SAMPLES = Number(process.env.BENCH_SEARCH_SAMPLES ?? 31);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const log = (line: string) => process.stderr.write(`${line}\n`);

async function start(label: string, url: string, root: string | null) {
  const env = serverEnv({ port: await freePort(), dataDir: tempDir(`side-${label}`), databaseUrl: url });
  const main = root ? path.join(root, 'src/main.ts') : undefined;
  const server = await startServer(env, main ? { main } : {});
  // The CLI of the same checkout as the server (another one could migrate its database).
  const cli = root ? ((await import(path.join(root, 'bench/server-process.ts'))) as { runCli: typeof runCli }).runCli : runCli;
  const token = (await cli(['token', 'create', '--email', 'bench@example.test', '--name', `side ${label}`], env))
    .trim()
    .split('\n')
    .pop()!;
  return { label, server, token };
}
type Side = Awaited<ReturnType<typeof start>>;

async function timed(side: Side, urlPath: string) {
  const started = performance.now();
  const res = await fetch(`${side.server.origin}${urlPath}`, { headers: { authorization: `Bearer ${side.token}` } });
  const body = await res.text();
  if (!res.ok) throw new Error(`${side.label} ${urlPath}: ${res.status} ${body.slice(0, 200)}`);
  return { ms: performance.now() - started, body };
}
const p = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)];

const sides = [await start('before', beforeUrl, beforeRoot), await start('after', afterUrl, null)];
const servers: RunningServer[] = sides.map((s) => s.server);
try {
  const paths = [
    '/api/v1/incidents?limit=50',
    '/api/v1/incidents?q=kerberoast&limit=50',
    '/api/v1/incidents?q=lateral&limit=50',
    '/api/v1/incidents?q=host&limit=50',
    '/api/v1/incidents?q=seen%20host&limit=50',
    '/api/v1/incidents?status=reported&q=host',
  ];
  for (const urlPath of process.env.BENCH_SKIP_SINGLE ? [] : paths) {
    const ms = sides.map(() => [] as number[]);
    const floor = sides.map(() => [] as number[]);
    const totals = sides.map(() => 0);
    for (let i = 0; i < SAMPLES + 3; i++)
      for (const [k, side] of sides.entries()) {
        const f = await timed(side, '/healthz');
        const r = await timed(side, urlPath);
        if (i < 3) continue;
        floor[k].push(f.ms);
        ms[k].push(r.ms);
        totals[k] = (JSON.parse(r.body) as { total: number }).total;
      }
    const line = sides.map(
      (s, k) =>
        `${s.label} p50 ${p(ms[k], 0.5).toFixed(2)} / p95 ${p(ms[k], 0.95).toFixed(2)} ms (floor ${p(floor[k], 0.5).toFixed(2)}, total ${totals[k]})`,
    );
    log(`${urlPath}: ${line.join('; ')}; after/before p50 ${(p(ms[1], 0.5) / p(ms[0], 0.5)).toFixed(2)}`);
  }
  const loaded = (process.env.BENCH_LOAD_PATHS ?? '/healthz,/api/v1/incidents?status=reported&q=host').split(',');
  for (let round = 0; round < ROUNDS; round++)
    for (const side of sides) {
      for (const urlPath of loaded) {
        const r = await runLoad({
          kind: 'autocannon',
          origin: side.server.origin,
          path: urlPath,
          method: 'GET',
          headers: { authorization: `Bearer ${side.token}` },
          connections: 50,
          durationSeconds: SECONDS,
          warmupSeconds: 1,
        });
        log(
          `round ${round + 1} ${side.label} ${urlPath}: ${Math.round(r.reqPerSec)} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, non-2xx ${r.non2xx}`,
        );
      }
    }
} finally {
  for (const server of servers) await server.stop();
}
