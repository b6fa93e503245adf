// The response metrics at volume (docs/metrics.md): GET /api/v1/metrics/incidents over 10,000 incidents with full
// timelines, < 200 ms on SQLite (< 500 ms on PostgreSQL), measured against the running server. The incidents are
// written straight into the database through the report and append use-cases (reportIncident, appendToIncident:
// the same path, projections included, as in use), from this process, which takes seconds, not 10,000 HTTP calls.
//
// Standalone: `node bench/metrics.ts [sqlite|postgres]` starts its own server, measures its own floors (GET /healthz
// on Muster and on a bare Fastify app) in the same run, then this. BENCH_METRICS_INCIDENTS (default 10,000),
// BENCH_SECONDS (default 5 standalone) per throughput run, BENCH_CONNECTIONS (default 10 here).
import fc from 'fast-check';
import pino from 'pino';
import { loadConfig } from '../src/server/core/config.ts';
import { openDatabase } from '../src/server/core/db/database.ts';
import type { Deps } from '../src/server/core/deps.ts';
import type { EventFeed } from '../src/server/core/events/event-feed.ts';
import { incidentSpec, seedIncident, settableClock } from '../src/server/testing/metric-timelines.ts';
import { measureBareFastify } from './bare-floor.ts';
import { cleanupAll, installSignalHandlers } from './cleanup.ts';
import { type Api, apiClient, createToken, tempDir } from './fixtures.ts';
import { type LoadResult, runLoad } from './load.ts';
import { createBenchDatabase } from './postgres.ts';
import { freePort, serverEnv, startServer } from './server-process.ts';

export interface MetricsBenchResult {
  incidents: number;
  events: number;
  seedMs: number;
  /** Sequential GETs, one at a time: the latency a person opening the page sees. */
  /** After a change (computed), and asked again at once (the kept answer). */
  samples: { path: string; samplesMs: number[]; medianMs: number; keptMedianMs: number; targetMs: number; met: boolean }[];
  /** Under load: req/s of GET /api/v1/metrics/incidents?groupBy=month, and its ratio to the floors. */
  load: { result: LoadResult; ratioToFloor: number | null; ratioToBare: number | null; connections: number } | null;
}

const INCIDENTS = Number(process.env.BENCH_METRICS_INCIDENTS ?? 10_000);
const CUSTOMERS = 8;
const SAMPLES = 15;
const CONCURRENCY = 4;
const BASE = new Date('2025-07-01T00:00:00.000Z');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const round = (n: number) => Math.round(n * 10) / 10;

/** Writes `count` generated incidents with their timelines through the use-cases, a few writers at once. */
async function seedIncidents(env: NodeJS.ProcessEnv, customerIds: string[], count: number): Promise<number> {
  const config = loadConfig(env);
  const database = openDatabase(config);
  const log = pino({ level: 'warn' });
  const specs = fc.sample(incidentSpec(customerIds.length), { numRuns: count, seed: 4242 });
  let next = 0;
  try {
    // Each writer has its own clock: the generated times are the incidents' own, not the bench's.
    const writer = async () => {
      const clock = settableClock(BASE);
      const deps: Deps = {
        config,
        database,
        clock,
        feed: { notify() {} } as unknown as EventFeed,
        log,
        jobs: { wake() {} },
      };
      for (let i = next++; i < specs.length; i = next++) await seedIncident(deps, clock, specs[i], BASE, customerIds, true);
    };
    await Promise.all(Array.from({ length: database.dialect === 'postgres' ? CONCURRENCY : 1 }, writer));
    // The seeding queued follow-up work (first reports at DP1): the server works it off before anything is timed.
    const started = performance.now();
    for (;;) {
      const due = await database.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', ['pending', 'running'])
        .where('run_at', '<=', new Date().toISOString())
        .executeTakeFirstOrThrow();
      if (Number(due.n) === 0 || performance.now() - started > 300_000) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const row = await database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('stream_type', '=', 'incident')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.close();
  }
}

/** The customers and the INCIDENTS generated incidents with full timelines the metrics are measured over. */
export async function seedMetricsIncidents(api: Api, env: NodeJS.ProcessEnv): Promise<{ customerIds: string[]; events: number }> {
  const customerIds: string[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    customerIds.push((await api<{ id: string }>('POST', '/api/v1/customers', { name: `Metrics bench ${i}` })).id);
  }
  return { customerIds, events: await seedIncidents(env, customerIds, INCIDENTS) };
}

async function timedGet(origin: string, token: string, path: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 300)}`);
  return ms;
}

/**
 * Seeds the incidents, then times the metrics one request at a time (each grouping, a range, the CSV) and, when
 * floors are given, under load as a ratio to them.
 */
export async function measureMetrics(
  api: Api,
  origin: string,
  token: string,
  env: NodeJS.ProcessEnv,
  dialect: 'sqlite' | 'postgres',
  log: (line: string) => void,
  floors: { floor: LoadResult; bare: LoadResult; seconds: number; warmup: number; connections: number } | null,
  /** Runs after the seeding, before any measurement (PostgreSQL: VACUUM ANALYZE, as autovacuum would). */
  afterSeed?: () => Promise<void>,
): Promise<MetricsBenchResult> {
  const seedStarted = performance.now();
  const { customerIds, events } = await seedMetricsIncidents(api, env);
  const seedMs = performance.now() - seedStarted;
  await afterSeed?.();
  log(
    `  ${INCIDENTS.toLocaleString('en-US')} incidents (${events.toLocaleString('en-US')} events) written in ${(seedMs / 1000).toFixed(1)} s`,
  );
  const targetMs = dialect === 'sqlite' ? 200 : 500;
  const paths = [
    '/api/v1/metrics/incidents',
    '/api/v1/metrics/incidents?groupBy=customer',
    '/api/v1/metrics/incidents?groupBy=category',
    '/api/v1/metrics/incidents?groupBy=severity',
    '/api/v1/metrics/incidents?groupBy=month&from=2025-09-01T00:00:00Z&to=2026-01-01T00:00:00Z',
    `/api/v1/metrics/incidents?groupBy=month&customerId=${customerIds[0]}`,
    '/api/v1/metrics/incidents.csv?groupBy=customer',
  ];
  // Answers are kept until the database changes: a note before each timed read makes it the first read after a
  // change, which computes the figures; the same read asked again at once is the kept answer.
  const changed = await api<{ id: string }>('POST', '/api/v1/incidents', {
    title: 'Metrics bench: a change before each read',
    customerId: customerIds[0],
  });
  const change = () => api('POST', `/api/v1/incidents/${changed.id}/notes`, { body: 'A change' });
  const samples: MetricsBenchResult['samples'] = [];
  for (const path of paths) {
    await timedGet(origin, token, path); // warm
    const runs: number[] = [];
    const keptRuns: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      await change();
      runs.push(await timedGet(origin, token, path));
      keptRuns.push(await timedGet(origin, token, path));
    }
    const m = median(runs);
    const kept = round(median(keptRuns));
    samples.push({ path, samplesMs: runs.map(round), medianMs: round(m), keptMedianMs: kept, targetMs, met: m < targetMs });
    log(
      `  GET ${path}: median ${round(m)} ms (min ${round(Math.min(...runs))}, max ${round(Math.max(...runs))}), asked again ${kept} ms; target < ${targetMs}: ${m < targetMs ? 'met' : 'MISSED'}`,
    );
  }
  let load: MetricsBenchResult['load'] = null;
  if (floors) {
    const result = await runLoad({
      kind: 'autocannon',
      origin,
      path: '/api/v1/metrics/incidents?groupBy=month',
      method: 'GET',
      headers: { authorization: `Bearer ${token}` },
      connections: floors.connections,
      durationSeconds: floors.seconds,
      warmupSeconds: floors.warmup,
    });
    load = {
      result,
      ratioToFloor: result.reqPerSec / floors.floor.reqPerSec,
      ratioToBare: result.reqPerSec / floors.bare.reqPerSec,
      connections: floors.connections,
    };
    log(
      `  under load (${floors.connections} connections, nothing changing): ${Math.round(result.reqPerSec)} req/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms; ${load.ratioToFloor?.toFixed(4)} × Muster's floor, ${load.ratioToBare?.toFixed(4)} × bare Fastify`,
    );
  }
  return { incidents: INCIDENTS, events, seedMs: Math.round(seedMs), samples, load };
}

/** The metrics figures as a Markdown table. */
export function metricsTable(r: MetricsBenchResult, floors: { floor: LoadResult; bare: LoadResult } | null): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const n = r.incidents.toLocaleString('en-US');
  const rows = [
    line([
      `response metrics, ${n} incidents (${r.events.toLocaleString('en-US')} events)`,
      'median, first read after a change',
      'asked again',
      'target',
      'met?',
    ]),
    line(['---', '---', '---', '---', '---']),
    ...r.samples.map((s) =>
      line([
        `GET ${s.path.replace('/api/v1/metrics/', '…/')}`,
        `${s.medianMs} ms`,
        `${s.keptMedianMs} ms`,
        `< ${s.targetMs} ms`,
        s.met ? 'yes' : '**NO**',
      ]),
    ),
  ];
  if (r.load && floors) {
    const floorMs = floors.floor.latencyMs.p50;
    rows.push(
      line([
        `under load, ${r.load.connections} connections, nothing changing`,
        `${Math.round(r.load.result.reqPerSec)} req/s = ${r.load.ratioToFloor?.toFixed(4)} × floor (${Math.round(floors.floor.reqPerSec)} req/s, p50 ${floorMs} ms), ${r.load.ratioToBare?.toFixed(4)} × bare Fastify (${Math.round(floors.bare.reqPerSec)} req/s)`,
        '—',
        '—',
        '—',
      ]),
    );
  }
  return rows.join('\n');
}

async function standalone(dialect: 'sqlite' | 'postgres'): Promise<void> {
  installSignalHandlers();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
  const warmup = 1;
  const database = dialect === 'postgres' ? await createBenchDatabase() : null;
  const env = serverEnv({ port: await freePort(), dataDir: tempDir(dialect), databaseUrl: database?.url ?? null });
  const server = await startServer(env);
  try {
    const token = await createToken(env);
    log(`▶ response metrics on ${dialect}`);
    const api = apiClient(server.origin, token);
    const floor = await runLoad({
      kind: 'autocannon',
      origin: server.origin,
      path: '/healthz',
      method: 'GET',
      headers: {},
      connections,
      durationSeconds: seconds,
      warmupSeconds: warmup,
    });
    const bare = await measureBareFastify({ connections, durationSeconds: seconds, warmupSeconds: warmup });
    log(
      `  floor: ${Math.round(floor.reqPerSec)} req/s (p50 ${floor.latencyMs.p50} ms); bare Fastify ${Math.round(bare.reqPerSec)} req/s`,
    );
    const result = await measureMetrics(
      api,
      server.origin,
      token,
      env,
      dialect,
      log,
      {
        floor,
        bare,
        seconds,
        warmup,
        connections,
      },
      database ? () => database.vacuumAnalyze() : undefined,
    );
    console.log(metricsTable(result, { floor, bare }));
  } finally {
    await server.stop();
    await database?.drop();
    await cleanupAll();
  }
}

if (import.meta.filename === process.argv[1]) {
  const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
  standalone(dialect).catch(async (error) => {
    console.error(error);
    await cleanupAll();
    process.exitCode = 1;
  });
}
