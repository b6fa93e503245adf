// Scale-out on PostgreSQL (issue 15): PostgreSQL's own autocommit insert rate (pgbench, 16 clients, one ~300-byte
// JSON row per transaction into a scratch table of a scratch database), then notes and incident creation through
// one Muster instance and through two instances on the same fresh database at once, each at full speed.
// Targets: two instances ≥ 0.5 × PostgreSQL's own rate, two ≥ 1.3 × one, no errors.
//
// Standalone: `node bench/scale-out.ts` (BENCH_SECONDS, default 10; BENCH_CONNECTIONS, default 50, split over the
// instances; SCALE_OUT_PGBENCH, default /usr/bin/pgbench). bench/run.ts calls measureScaleOut in its PostgreSQL suite.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { cleanupAll, installSignalHandlers, onCleanup } from './cleanup.ts';
import { apiClient, createIncidents, createToken, tempDir } from './fixtures.ts';
import { type LoadResult, runLoad } from './load.ts';
import { createBenchDatabase, postgresUnavailable } from './postgres.ts';
import { cpuSecondsOf, freePort, type RunningServer, serverEnv, startServer } from './server-process.ts';

const PG_URL = (db: string) => `postgres://postgres@127.0.0.1:5432/${db}`;
export const NATIVE_RATIO_TARGET = 0.5;
export const TWO_TO_ONE_TARGET = 1.3;

export interface ScaleOutRun {
  instances: number;
  reqPerSec: number;
  total: number;
  failed: number;
  p99Ms: number;
  /** Server CPU (all instances) per request, in µs. */
  cpuMicrosPerRequest: number | null;
  /** CPU of the database's PostgreSQL backends per request, in µs. */
  postgresCpuMicrosPerRequest: number | null;
}

export interface ScaleOutOperation {
  name: string;
  one: ScaleOutRun;
  two: ScaleOutRun;
  /** For information: two instances, each incident's requests always to the same one (a sticky balancer). */
  twoSticky?: ScaleOutRun;
  twoToNative: number;
  twoToOne: number;
  met: { native: boolean; twoToOne: boolean; errors: boolean };
}

export interface ScaleOutResult {
  pgNative: { tps: number; clients: number; seconds: number };
  floor: { one: number; two: number };
  operations: ScaleOutOperation[];
}

const log = (message: string) => process.stderr.write(`${message}\n`);

/** pgbench with a custom script: 16 clients, each transaction one ~300-byte JSON row in autocommit. */
export async function measurePgNative(seconds: number, clients = 16): Promise<{ tps: number; clients: number; seconds: number }> {
  const pgbench = process.env.SCALE_OUT_PGBENCH || '/usr/bin/pgbench';
  const name = `muster_pgbench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL('postgres') });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const drop = onCleanup(`drop database ${name}`, async () => {
    const c = new pg.Client({ connectionString: PG_URL('postgres') });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  try {
    const c = new pg.Client({ connectionString: PG_URL(name) });
    await c.connect();
    await c.query('create table scratch (id bigserial primary key, data jsonb not null)');
    await c.end();
    const row = JSON.stringify({
      type: 'note.added',
      actor: { id: '01JBENCHACTOR000000000000', name: 'Bench' },
      data: { body: 'x'.repeat(180) },
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-pgbench-'));
    const script = path.join(dir, 'insert.sql');
    fs.writeFileSync(script, `insert into scratch (data) values ('${row}');\n`);
    const run = spawnSync(
      pgbench,
      ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script, '-h', '127.0.0.1', '-U', 'postgres', name],
      { encoding: 'utf8', timeout: (seconds + 60) * 1000 },
    );
    fs.rmSync(dir, { recursive: true, force: true });
    const tps = Number(/tps = ([\d.]+)/.exec(run.stdout)?.[1] ?? Number.NaN);
    if (run.status !== 0 || !Number.isFinite(tps)) throw new Error(`pgbench failed (${run.status}): ${run.stdout}${run.stderr}`);
    return { tps, clients, seconds };
  } finally {
    await drop();
  }
}

type Spec = { method: 'GET' | 'POST'; paths: string[]; body?: string; headers: Record<string, string> };

/** CPU seconds used so far by the PostgreSQL backends connected to the database, by process id. */
async function backendCpu(database: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: PG_URL('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
    return new Map(rows.flatMap((r) => ((cpu) => (cpu === null ? [] : [[r.pid, cpu] as [number, number]]))(cpuSecondsOf(r.pid))));
  } finally {
    await client.end();
  }
}

/**
 * The same load split over the servers (connections divided), at once; rates summed, CPU summed over the servers
 * and over the database's PostgreSQL backends (they share the machine's CPUs, so both count). sticky: each server
 * gets its own share of the paths (a balancer that sends each incident's requests to one instance), not all of them.
 */
async function loadAcross(
  servers: RunningServer[],
  spec: Spec,
  connections: number,
  seconds: number,
  warmup: number,
  database: string,
  sticky = false,
) {
  const pgBefore = await backendCpu(database);
  const cpuBefore = servers.map((s) => cpuSecondsOf(s.pid));
  const started = performance.now();
  const results: LoadResult[] = await Promise.all(
    servers.map((server, i) => {
      const paths = sticky ? spec.paths.filter((_, p) => p % servers.length === i) : spec.paths;
      return runLoad({
        kind: 'autocannon',
        origin: server.origin,
        method: spec.method,
        path: paths[0],
        paths: paths.length > 1 ? paths : undefined,
        headers: spec.headers,
        body: spec.body,
        connections: Math.max(1, Math.round(connections / servers.length)),
        durationSeconds: seconds,
        warmupSeconds: warmup,
      });
    }),
  );
  const wall = (performance.now() - started) / 1000;
  const cpuAfter = servers.map((s) => cpuSecondsOf(s.pid));
  const cpu =
    cpuBefore.every((c) => c !== null) && cpuAfter.every((c) => c !== null)
      ? cpuAfter.reduce((sum: number, c, i) => sum + (c as number) - (cpuBefore[i] as number), 0) / wall
      : null;
  const pgAfter = await backendCpu(database);
  // A backend that was not there before began during the load (the pool opens connections as it needs them, and
  // closes idle ones after 10 s): all of its CPU is the load's.
  const pgCpu = [...pgAfter].reduce((sum, [pid, after]) => sum + after - (pgBefore.get(pid) ?? 0), 0) / wall;
  const reqPerSec = results.reduce((sum, r) => sum + r.reqPerSec, 0);
  const run: ScaleOutRun = {
    instances: servers.length,
    reqPerSec,
    total: results.reduce((sum, r) => sum + r.total, 0),
    failed: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
    p99Ms: Math.max(...results.map((r) => r.latencyMs.p99)),
    cpuMicrosPerRequest: cpu === null || reqPerSec === 0 ? null : (cpu / reqPerSec) * 1e6,
    postgresCpuMicrosPerRequest: reqPerSec === 0 ? null : (pgCpu / reqPerSec) * 1e6,
  };
  return run;
}

function describe(run: ScaleOutRun): string {
  return `${Math.round(run.reqPerSec)} req/s, p99 ${run.p99Ms} ms, failed ${run.failed}${run.cpuMicrosPerRequest === null ? '' : `, server CPU ${Math.round(run.cpuMicrosPerRequest)} µs/req`}${run.postgresCpuMicrosPerRequest === null ? '' : `, PostgreSQL CPU ${Math.round(run.postgresCpuMicrosPerRequest)} µs/req`}`;
}

/**
 * Measures the scale-out on a fresh database of the local PostgreSQL: pgbench's rate, then notes (over 100
 * incidents) and incident creation through one instance and through two at once.
 */
export async function measureScaleOut(
  options: { seconds: number; warmup: number; connections: number },
  print: (message: string) => void = log,
): Promise<ScaleOutResult> {
  const { seconds, warmup, connections } = options;
  print(`▶ PostgreSQL's own autocommit insert rate: pgbench, 16 clients, one ~300-byte JSON row a transaction, ${seconds} s`);
  const pgNative = await measurePgNative(seconds);
  print(`  ${Math.round(pgNative.tps)} transactions/s`);

  const database = await createBenchDatabase();
  const dataDir = tempDir('scale-out');
  const envOf = (port: number) => serverEnv({ port, dataDir, databaseUrl: database.url });
  const envA = envOf(await freePort());
  const a = await startServer(envA);
  const b = await startServer(envOf(await freePort()));
  try {
    const token = await createToken(envA);
    const api = apiClient(a.origin, token);
    const ids = await createIncidents(api, 100, 'note targets');
    await database.vacuumAnalyze();
    const json = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const floorSpec: Spec = { method: 'GET', paths: ['/healthz'], headers: {} };
    await loadAcross([a, b], floorSpec, connections, Math.min(seconds, 3), 0, database.name); // JIT warm-up of both, not counted
    const floorOne = await loadAcross([a], floorSpec, connections, seconds, warmup, database.name);
    const floorTwo = await loadAcross([a, b], floorSpec, connections, seconds, warmup, database.name);
    print(
      `  floor GET /healthz: one instance ${Math.round(floorOne.reqPerSec)} req/s, two ${Math.round(floorTwo.reqPerSec)} req/s`,
    );
    const specs: [string, Spec][] = [
      [
        'add note (100 incidents)',
        {
          method: 'POST',
          paths: ids.map((id) => `/api/v1/incidents/${id}/notes`),
          body: JSON.stringify({ body: 'bench note' }),
          headers: json,
        },
      ],
      [
        'create incident',
        { method: 'POST', paths: ['/api/v1/incidents'], body: JSON.stringify({ title: 'Bench incident' }), headers: json },
      ],
    ];
    const operations: ScaleOutOperation[] = [];
    for (const [name, spec] of specs) {
      print(`▶ ${name}: one instance, ${connections} connections, ${seconds} s`);
      const one = await loadAcross([a], spec, connections, seconds, warmup, database.name);
      print(`  ${describe(one)} (${(one.reqPerSec / floorOne.reqPerSec).toFixed(3)} × floor)`);
      print(`▶ ${name}: two instances at once, ${connections} connections split over them, ${seconds} s`);
      const two = await loadAcross([a, b], spec, connections, seconds, warmup, database.name);
      print(`  ${describe(two)} (${(two.reqPerSec / floorTwo.reqPerSec).toFixed(3)} × floor)`);
      let twoSticky: ScaleOutRun | undefined;
      if (spec.paths.length > 1) {
        print(`▶ ${name}: two instances, each incident's requests always to the same one (for information), ${seconds} s`);
        twoSticky = await loadAcross([a, b], spec, connections, seconds, warmup, database.name, true);
        print(`  ${describe(twoSticky)} (${(twoSticky.reqPerSec / one.reqPerSec).toFixed(2)} × one instance)`);
      }
      const op: ScaleOutOperation = {
        name,
        one,
        two,
        twoSticky,
        twoToNative: two.reqPerSec / pgNative.tps,
        twoToOne: two.reqPerSec / one.reqPerSec,
        met: {
          native: two.reqPerSec / pgNative.tps >= NATIVE_RATIO_TARGET,
          twoToOne: two.reqPerSec / one.reqPerSec >= TWO_TO_ONE_TARGET,
          errors: one.failed + two.failed === 0,
        },
      };
      print(
        `  two/pg-native ${op.twoToNative.toFixed(2)} (target ≥ ${NATIVE_RATIO_TARGET}: ${op.met.native ? 'met' : 'MISSED'}), two/one ${op.twoToOne.toFixed(2)} (target ≥ ${TWO_TO_ONE_TARGET}: ${op.met.twoToOne ? 'met' : 'MISSED'}), failed ${one.failed + two.failed} (target 0: ${op.met.errors ? 'met' : 'MISSED'})`,
      );
      operations.push(op);
    }
    return { pgNative, floor: { one: floorOne.reqPerSec, two: floorTwo.reqPerSec }, operations };
  } finally {
    await b.stop();
    await a.stop();
    await database.drop();
  }
}

/** The scale-out table, with met or missed for each target. */
export function scaleOutTable(result: ScaleOutResult): string {
  const yes = (met: boolean) => (met ? 'met' : 'MISSED');
  const n = (v: number | null) => (v === null ? '—' : String(Math.round(v)));
  const µs = (run: ScaleOutRun) => `${n(run.cpuMicrosPerRequest)} + ${n(run.postgresCpuMicrosPerRequest)}`;
  const lines = [
    `Scale-out on PostgreSQL: pgbench ${result.pgNative.clients} clients, ${Math.round(result.pgNative.tps).toLocaleString('en-US')} inserts/s; floor GET /healthz ${Math.round(result.floor.one).toLocaleString('en-US')} req/s (one instance), ${Math.round(result.floor.two).toLocaleString('en-US')} (two)`,
    '',
    '| operation | one instance req/s | two instances req/s | two / pg-native (≥ 0.5) | two / one (≥ 1.3) | failed (0) | × floor one / two | CPU µs/req server + PostgreSQL, one / two |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...result.operations.map(
      (op) =>
        `| ${op.name} | ${Math.round(op.one.reqPerSec).toLocaleString('en-US')} | ${Math.round(op.two.reqPerSec).toLocaleString('en-US')} | ${op.twoToNative.toFixed(2)} ${yes(op.met.native)} | ${op.twoToOne.toFixed(2)} ${yes(op.met.twoToOne)} | ${op.one.failed + op.two.failed} ${yes(op.met.errors)} | ${(op.one.reqPerSec / result.floor.one).toFixed(3)} / ${(op.two.reqPerSec / result.floor.two).toFixed(3)} | ${µs(op.one)} / ${µs(op.two)} |`,
    ),
    ...result.operations.flatMap((op) =>
      op.twoSticky
        ? [
            '',
            `For information, ${op.name} through two instances with each incident's requests always sent to the same one (a sticky balancer): ${Math.round(op.twoSticky.reqPerSec).toLocaleString('en-US')} req/s, ${(op.twoSticky.reqPerSec / result.pgNative.tps).toFixed(2)} × pg-native, ${(op.twoSticky.reqPerSec / op.one.reqPerSec).toFixed(2)} × one instance, failed ${op.twoSticky.failed}, CPU µs/req ${µs(op.twoSticky)}.`,
          ]
        : [],
    ),
  ];
  return lines.join('\n');
}

/** Names of the missed scale-out targets, for the summary line. */
export function scaleOutMissed(result: ScaleOutResult): string[] {
  return result.operations.flatMap((op) => [
    ...(op.met.native ? [] : [`${op.name}: two instances ≥ ${NATIVE_RATIO_TARGET} × PostgreSQL's own rate`]),
    ...(op.met.twoToOne ? [] : [`${op.name}: two instances ≥ ${TWO_TO_ONE_TARGET} × one`]),
    ...(op.met.errors ? [] : [`${op.name}: no failed requests`]),
  ]);
}

if (import.meta.main) {
  installSignalHandlers();
  const why = await postgresUnavailable();
  if (why) {
    console.error(`PostgreSQL is not available: ${why}`);
    process.exit(1);
  }
  try {
    const result = await measureScaleOut({
      seconds: Number(process.env.BENCH_SECONDS || 10),
      warmup: Number(process.env.BENCH_WARMUP ?? 1),
      connections: Number(process.env.BENCH_CONNECTIONS || 50),
    });
    console.log(`\n${scaleOutTable(result)}`);
    const missed = scaleOutMissed(result);
    console.log(`\nTargets (scale-out): ${missed.length ? `MISSED: ${missed.join('; ')}` : 'all met'}`);
  } finally {
    await cleanupAll();
  }
}
