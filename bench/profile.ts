// `node bench/profile.ts <operation> [--postgres]`: runs one benchmark operation against a server started
// with --cpu-prof and prints where the server spent its CPU time (self time by function and by package, and the
// inclusive time of Muster's own functions). The profile is kept for Chrome DevTools (Performance → Load profile).
//
// Operations: floor, list, list-search, get, timeline, note-one, note-many, create, metrics (BENCH_METRICS_INCIDENTS). Environment as for the
// benchmark: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (50), BENCH_INCIDENTS (10000, for the lists).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installSignalHandlers, runStandalone } from './cleanup.ts';
import { type Api, apiClient, createIncidents, createToken, incidentWithTimeline, tempDir } from './fixtures.ts';
import { type LoadSpec, runLoad } from './load.ts';
import { seedMetricsIncidents } from './metrics.ts';
import { createBenchDatabase } from './postgres.ts';
import { freePort, ROOT, serverEnv, startServer } from './server-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS || 10_000);

type Request = Pick<LoadSpec, 'method' | 'path' | 'paths' | 'body'>;
const note = JSON.stringify({ body: 'bench note' });
const OPERATIONS: Record<string, (api: Api, env: NodeJS.ProcessEnv) => Promise<Request>> = {
  floor: async () => ({ method: 'GET', path: '/healthz' }),
  list: async (api) => {
    await createIncidents(api, INCIDENTS, 'seeding', CONNECTIONS);
    return { method: 'GET', path: '/api/v1/incidents?limit=50' };
  },
  'list-search': async (api) => {
    await createIncidents(api, INCIDENTS, 'seeding', CONNECTIONS);
    return { method: 'GET', path: '/api/v1/incidents?status=reported&q=Bench' };
  },
  get: async (api) => ({ method: 'GET', path: `/api/v1/incidents/${await incidentWithTimeline(api, 200)}` }),
  timeline: async (api) => ({ method: 'GET', path: `/api/v1/incidents/${await incidentWithTimeline(api, 200)}/timeline` }),
  'note-one': async (api) => {
    const [id] = await createIncidents(api, 1, 'note target');
    return { method: 'POST', path: `/api/v1/incidents/${id}/notes`, body: note };
  },
  'note-many': async (api) => {
    const paths = (await createIncidents(api, 100, 'note targets')).map((id) => `/api/v1/incidents/${id}/notes`);
    return { method: 'POST', path: paths[0], paths, body: note };
  },
  create: async () => ({ method: 'POST', path: '/api/v1/incidents', body: JSON.stringify({ title: 'Bench incident' }) }),
  metrics: async (api, env) => {
    await seedMetricsIncidents(api, env);
    return { method: 'GET', path: '/api/v1/metrics/incidents?groupBy=customer' };
  },
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

function where(url: string): { file: string; group: string } {
  if (!url) return { file: '(native)', group: '(native or V8)' };
  const file = url.startsWith('file://') ? path.relative(ROOT, new URL(url).pathname) : url;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (inModules) return { file, group: inModules[1] };
  if (file.startsWith('node:')) return { file, group: 'node (built-in modules)' };
  if (file.startsWith('src/')) return { file, group: file };
  return { file, group: file };
}

/** Prints self time per function and per package, and inclusive time of Muster's functions. */
function summarise(profile: { nodes: ProfileNode[] }): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const total = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
  const key = (n: ProfileNode) => {
    const { file } = where(n.callFrame.url);
    return `${n.callFrame.functionName || '(anonymous)'}  ${file}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
  };
  const self = new Map<string, number>();
  const groups = new Map<string, number>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    self.set(key(n), (self.get(key(n)) ?? 0) + hits);
    const { group } = where(n.callFrame.url);
    const g = ['(garbage collector)', '(idle)', '(program)'].includes(n.callFrame.functionName)
      ? n.callFrame.functionName
      : group;
    groups.set(g, (groups.get(g) ?? 0) + hits);
  }
  // Inclusive time of src/ functions, each counted once per stack even when recursive.
  const inclusive = new Map<string, number>();
  const walk = (id: number, onStack: Set<string>): number => {
    const n = byId.get(id)!;
    let hits = n.hitCount ?? 0;
    const k = key(n);
    const mine = n.callFrame.url.includes('/src/') && !onStack.has(k);
    if (mine) onStack.add(k);
    for (const child of n.children ?? []) hits += walk(child, onStack);
    if (mine) {
      onStack.delete(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + hits);
    }
    return hits;
  };
  walk(profile.nodes[0].id, new Set());
  const pct = (hits: number) => `${((hits / total) * 100).toFixed(1).padStart(5)} %`;
  const top = (map: Map<string, number>, count: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, hits]) => `  ${pct(hits)}  ${name}`)
      .join('\n');
  return [
    `Self time by function (top 30 of ${total} samples):`,
    top(self, 30),
    '\nSelf time by package or file:',
    top(groups, 20),
    '\nInclusive time of Muster functions (src/):',
    top(inclusive, 25),
  ].join('\n');
}

async function main(): Promise<number> {
  installSignalHandlers();
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { postgres: { type: 'boolean' } } });
  const operation = positionals[0];
  if (!operation || !OPERATIONS[operation]) {
    console.error(`Usage: node bench/profile.ts <${Object.keys(OPERATIONS).join('|')}> [--postgres]`);
    return 2;
  }
  const dialect = values.postgres ? 'postgres' : 'sqlite';
  const database = values.postgres ? await createBenchDatabase() : null;
  const env = serverEnv({ port: await freePort(), dataDir: tempDir(dialect), databaseUrl: database?.url ?? null });

  // Prepare without the profiler, then restart with it so that the profile holds the load and little else.
  let server = await startServer(env);
  const token = await createToken(env);
  const request = await OPERATIONS[operation](apiClient(server.origin, token), env);
  if (database) await database.vacuumAnalyze();
  await server.stop();
  const profileDir = tempDir('profile');
  server = await startServer(env, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
  console.error(
    `Profiling ${operation} (${dialect}): ${request.method} ${request.path}, ${CONNECTIONS} connections, ${SECONDS} s`,
  );
  const result = await runLoad({
    kind: 'autocannon',
    origin: server.origin,
    headers: { authorization: `Bearer ${token}`, ...(request.body ? { 'content-type': 'application/json' } : {}) },
    connections: CONNECTIONS,
    durationSeconds: SECONDS,
    warmupSeconds: 1,
    ...request,
  });
  await server.stop();
  const file = fs.readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('the server wrote no profile (did it stop on SIGTERM?)');
  const kept = path.join(os.tmpdir(), `muster-${operation}-${dialect}-${Date.now()}.cpuprofile`);
  fs.copyFileSync(path.join(profileDir, file), kept);
  console.log(
    `${operation} (${dialect}): ${Math.round(result.reqPerSec)} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, non-2xx ${result.non2xx} (under the profiler, so slower than in the benchmark)\n`,
  );
  console.log(summarise(JSON.parse(fs.readFileSync(kept, 'utf8'))));
  console.log(`\nProfile: ${kept} (Chrome DevTools → Performance → Load profile)`);
  return 0;
}

runStandalone(main);
