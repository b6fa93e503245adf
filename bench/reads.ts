// `node bench/reads.ts [--postgres] [--before DIR] [--rounds N]`: the list of incidents (50 of 10,000) and a
// 200-event timeline, against Muster's floor (GET /healthz) and a bare Fastify app measured in the same round.
//
// With --before DIR (a checkout of other code, e.g. `git archive <commit> | tar -x -C DIR` with node_modules linked
// and a dist/web/index.html), both codes serve the same data in turn, round after round, so that before and after
// are measured side by side; their answers to both requests are compared first (the same JSON, key order aside).
// Environment: BENCH_SECONDS (default 5), BENCH_CONNECTIONS (50), BENCH_INCIDENTS (10,000), BENCH_WARMUP (1).
import path from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { measureBareFastify } from './bare-floor.ts';
import { installSignalHandlers, runStandalone } from './cleanup.ts';
import { apiClient, createIncidents, createToken, incidentWithTimeline, tempDir } from './fixtures.ts';
import { type LoadResult, runLoad } from './load.ts';
import { createBenchDatabase } from './postgres.ts';
import { cpuSecondsOf, freePort, ROOT, serverEnv, startServer } from './server-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS || 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const INCIDENTS = Number(process.env.BENCH_INCIDENTS || 10_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1);
const log = (message: string) => process.stderr.write(`${message}\n`);

interface Row {
  round: number;
  code: string;
  name: string;
  reqPerSec: number;
  p99: number;
  cpuMicros: number | null;
  floor: number;
  bare: number;
}

async function main(): Promise<number> {
  installSignalHandlers();
  const { values } = parseArgs({
    options: { postgres: { type: 'boolean' }, before: { type: 'string' }, rounds: { type: 'string', default: '2' } },
  });
  const dialect = values.postgres ? 'postgres' : 'sqlite';
  const database = values.postgres ? await createBenchDatabase() : null;
  const env = serverEnv({ port: await freePort(), dataDir: tempDir(dialect), databaseUrl: database?.url ?? null });
  const codes: [string, string][] = values.before
    ? [
        ['before', values.before],
        ['after', ROOT],
      ]
    : [['this', ROOT]];

  let server = await startServer(env);
  const token = await createToken(env);
  const api = apiClient(server.origin, token);
  log(`Preparing (${dialect}): a 200-event timeline, then incidents up to ${INCIDENTS.toLocaleString('en-US')}…`);
  const timelineId = await incidentWithTimeline(api, 200);
  await createIncidents(api, INCIDENTS - 1, 'seeding', CONNECTIONS);
  if (database) await database.vacuumAnalyze();
  await server.stop();

  const auth = { authorization: `Bearer ${token}` };
  const requests = {
    'list 50 of 10,000': '/api/v1/incidents?limit=50',
    'timeline (200 events)': `/api/v1/incidents/${timelineId}/timeline`,
  };
  const answers = new Map<string, unknown>();
  const rows: Row[] = [];
  const load = (path: string, headers: Record<string, string>) =>
    runLoad({
      kind: 'autocannon',
      origin: server.origin,
      path,
      method: 'GET',
      headers,
      connections: CONNECTIONS,
      durationSeconds: SECONDS,
      warmupSeconds: WARMUP,
    });
  for (let round = 1; round <= Number(values.rounds); round++) {
    const bare = await measureBareFastify({ connections: CONNECTIONS, durationSeconds: SECONDS, warmupSeconds: WARMUP });
    for (const [code, root] of codes) {
      server = await startServer(env, { main: path.join(root, 'src/main.ts') });
      for (const [name, path] of Object.entries(requests)) {
        const body = await (await fetch(`${server.origin}${path}`, { headers: auth })).json();
        const earlier = answers.get(name);
        if (earlier === undefined) answers.set(name, body);
        else if (!isDeepStrictEqual(earlier, body)) log(`!! ${code} answers ${name} differently from the first code`);
      }
      const timed = async (name: string, path: string, headers: Record<string, string>): Promise<LoadResult> => {
        const cpu = cpuSecondsOf(server.pid);
        const started = performance.now();
        const result = await load(path, headers);
        const cpuAfter = cpuSecondsOf(server.pid);
        const wall = (performance.now() - started) / 1000;
        const cpuMicros = cpu !== null && cpuAfter !== null ? ((cpuAfter - cpu) / wall / result.reqPerSec) * 1e6 : null;
        if (result.non2xx || result.errors) log(`!! ${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        rows.push({ round, code, name, reqPerSec: result.reqPerSec, p99: result.latencyMs.p99, cpuMicros, floor: 0, bare: 0 });
        return result;
      };
      const floor = await timed('floor (GET /healthz)', '/healthz', {});
      for (const [name, path] of Object.entries(requests)) await timed(name, path, auth);
      for (const row of rows.filter((r) => r.round === round && r.code === code)) {
        row.floor = row.reqPerSec / floor.reqPerSec;
        row.bare = row.reqPerSec / bare.reqPerSec;
      }
      await server.stop();
      log(`round ${round}, ${code}: bare Fastify ${Math.round(bare.reqPerSec)} req/s`);
      for (const r of rows.filter((r) => r.round === round && r.code === code))
        log(
          `  ${r.name}: ${Math.round(r.reqPerSec)} req/s, ${r.floor.toFixed(3)} × floor, ${r.bare.toFixed(3)} × bare, p99 ${r.p99} ms, ${r.cpuMicros?.toFixed(0)} µs CPU/req`,
        );
    }
  }
  console.log(`| round | code | request | req/s | × Muster floor | × bare Fastify | p99 ms | CPU µs/req |`);
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows)
    console.log(
      `| ${r.round} | ${r.code} | ${r.name} | ${Math.round(r.reqPerSec).toLocaleString('en-US')} | ${r.floor.toFixed(3)} | ${r.bare.toFixed(3)} | ${r.p99} | ${r.cpuMicros?.toFixed(0) ?? '?'} |`,
    );
  return 0;
}

runStandalone(main);
