// `npm run bench`: starts the real server (SQLite, then PostgreSQL when one is reachable at 127.0.0.1:5432),
// measures the framework floor (GET /healthz on the same server) and Muster's operations with autocannon in a
// separate process, prints one table per dialect and writes everything to bench/results/.
//
// Environment: BENCH_SECONDS (default 10) per operation, BENCH_QUICK=1 (3 s runs), BENCH_WARMUP (s, default 1),
// BENCH_CONNECTIONS (default 50), BENCH_INCIDENTS (default 10000), BENCH_POSTGRES=0 (skip PostgreSQL),
// BENCH_STARTS (default 3, start-up samples), BENCH_ALERTS_STORED (default 1,000,000; quick 100,000),
// BENCH_STORM_SECONDS (default 60; quick 10), BENCH_FANOUT_STREAMS (default 2,000), BENCH_STORM_LATENCY_SECONDS
// (GET /healthz during a storm of 5,000-alert batches; default 20, quick 10). The incident report of a 10,000-event
// timeline is measured after the response phase (bench/incident-report.ts, which also runs on its own).
// BENCH_PACED_SECONDS (default 60, quick 10): the paced 1,000 notes/s run. BENCH_RESTART_SECONDS (default 10):
// notes at full speed before a kill -9 and a timed restart (bench/restart.ts, SQLite suite only).
// BENCH_INSPECT_PORT: the server's inspector listens there, and its memory after each phase is also taken after a
// full collection (bench/phase-memory.ts).
//
// Every operation is reported against two floors measured in the same run: GET /healthz on Muster itself, and
// the same route on a bare Fastify app (bench/bare-fastify.ts) started beside it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alertsTable, DEDUP_TARGET, measureAlerts } from './alerts.ts';
import { measureBareFastify } from './bare-floor.ts';
import { cleanupAll, installSignalHandlers } from './cleanup.ts';
import { evidenceTable, measureEvidence } from './evidence.ts';
import { measureFanout } from './fanout.ts';
import { apiClient, countIncidents, createIncidents, createToken, incidentWithTimeline, tempDir } from './fixtures.ts';
import { incidentReportTable, measureIncidentReport } from './incident-report.ts';
import { type LoadResult, type LoadSpec, runLoad } from './load.ts';
import { measureMetrics, metricsTable } from './metrics.ts';
import { measureNotifications, startBenchSink } from './notify.ts';
import { collectGarbage, describePhaseMemory, type PhaseMemory, phaseMemory, phaseMemoryTable } from './phase-memory.ts';
import { createBenchDatabase, postgresUnavailable } from './postgres.ts';
import {
  describeTarget,
  failedShare,
  IDLE_RSS_TARGET_MB,
  meets,
  type OperationResult,
  STARTUP_TARGET_MS,
  type SuiteResult,
  suiteTables,
  type Target,
} from './report.ts';
import { measureRespond, respondTable } from './respond.ts';
import { measureRestart, restartLine } from './restart.ts';
import { measureScaleOut, type ScaleOutResult, scaleOutMissed, scaleOutTable } from './scale-out.ts';
import { measureSearch, type SearchBenchResult, searchTable } from './search.ts';
import {
  cpuSecondsOf,
  freePort,
  machineTicks,
  memoryOf,
  ROOT,
  type RunningServer,
  serverEnv,
  startServer,
} from './server-process.ts';
import { measureStormLatency, stormLatencyTable } from './storm-latency.ts';
import { measureStormMemory, STORM_RSS_TARGET_MB } from './storm-memory.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const SECONDS = positive('BENCH_SECONDS', QUICK ? 3 : 10);
const WARMUP = positive('BENCH_WARMUP', 1, true);
const CONNECTIONS = positive('BENCH_CONNECTIONS', 50);
const INCIDENTS = positive('BENCH_INCIDENTS', 10_000);
const STARTS = positive('BENCH_STARTS', 3);
const ALERTS_STORED = positive('BENCH_ALERTS_STORED', QUICK ? 100_000 : 1_000_000);
const STORM_SECONDS = positive('BENCH_STORM_SECONDS', QUICK ? 10 : 60);
const STORM_LATENCY_SECONDS = positive('BENCH_STORM_LATENCY_SECONDS', QUICK ? 10 : 20);
const FIXED_RATE = 1000;
const PACED_SECONDS = positive('BENCH_PACED_SECONDS', QUICK ? 10 : 60);
const RESTART_SECONDS = positive('BENCH_RESTART_SECONDS', 10);
const FANOUT_STREAMS = positive('BENCH_FANOUT_STREAMS', 2000);
const MAX_FAILED_SHARE = 0.01;
// BENCH_INSPECT_PORT: the server listens for its inspector there, and after each phase its memory is also taken
// after a full collection (what is retained, apart from garbage not yet collected).
const INSPECT_PORT = positive('BENCH_INSPECT_PORT', 0, true);
let scaleOut: ScaleOutResult | null = null; // PostgreSQL suite only: one and two instances (issue 15)

function positive(name: string, fallback: number, zeroAllowed = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zeroAllowed))
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

function ensureWebBuild(): boolean {
  const index = path.join(ROOT, 'dist/web/index.html');
  if (fs.existsSync(index)) return false;
  log('Building the web UI first, so that start-up is timed without it…');
  const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    timeout: 300_000,
  });
  if (build.status === 0 && fs.existsSync(index)) return false;
  log('The web UI did not build: start-up times below include the server’s own attempt to build it.');
  return true;
}

/** The server of the suite under way: when a suite fails, whether it still runs and what it logged last say why. */
let suiteServer: RunningServer | null = null;

async function runSuite(dialect: 'sqlite' | 'postgres', webBuildIncluded: boolean): Promise<SuiteResult> {
  log(`\n=== ${dialect} ===`);
  const notes: string[] = [];
  const dataDir = tempDir(dialect);
  const database = dialect === 'postgres' ? await createBenchDatabase() : null;
  if (database) log(`PostgreSQL database ${database.name}`);
  const port = await freePort();
  const sink = await startBenchSink();
  // The fan-out opens every stream with one token: the per-user stream cap is raised for the benchmark only.
  const env = {
    ...serverEnv({ port, dataDir, databaseUrl: database?.url ?? null }),
    SMTP_URL: sink.url,
    STREAM_MAX_PER_USER: String(FANOUT_STREAMS + 100),
  };

  // Start-up: the first start migrates an empty database; later ones restart on the same data. The last stays up.
  const samplesMs: number[] = [];
  let last: RunningServer | null = null;
  for (let i = 0; i < STARTS; i++) {
    if (last) await last.stop();
    last = await startServer(env, INSPECT_PORT ? { nodeArgs: [`--inspect=127.0.0.1:${INSPECT_PORT}`] } : {});
    samplesMs.push(last.readyMs);
    log(`start ${i + 1}/${STARTS}: ready after ${Math.round(last.readyMs)} ms`);
  }
  const server = last!;
  suiteServer = server;
  await sleep(1000);
  // The server's memory after each phase: what the storm's RSS starts from (issue 15).
  const phases: PhaseMemory[] = [];
  const mark = async (phase: string) => {
    const m = await phaseMemory(server.pid, server.origin, phase);
    if (!m) return;
    phases.push(m);
    log(`  ${describePhaseMemory(m)}`);
    if (!INSPECT_PORT) return;
    await collectGarbage(INSPECT_PORT);
    const collected = await phaseMemory(server.pid, server.origin, `${phase}, then a full collection`);
    if (!collected) return;
    phases.push(collected);
    log(`  ${describePhaseMemory(collected)}`);
  };
  await mark('start');
  const idle = memoryOf(server.pid);
  log(`idle RSS: ${idle ? `${idle.rssMb.toFixed(0)} MB` : 'unknown (no /proc)'}`);

  // A user and an API token, made with the CLI against the same data while the server runs.
  const token = await createToken(env);
  const api = apiClient(server.origin, token);
  const auth = { authorization: `Bearer ${token}` };
  const json = { ...auth, 'content-type': 'application/json' };

  // Data for the operations below.
  log('Preparing: an incident with a 200-event timeline, incidents for the notes, then the rest up to the list size…');
  const timelineId = await incidentWithTimeline(api, 200);
  const [noteOneId, noteRateId, notePacedId] = await createIncidents(api, 3, 'note targets');
  const noteManyIds = await createIncidents(api, 100, 'note targets');
  const prepared = 1 + 3 + 100;
  if (INCIDENTS > prepared) await createIncidents(api, INCIDENTS - prepared, 'seeding', CONNECTIONS);
  const stored = await countIncidents(api);
  log(`${stored.toLocaleString('en-US')} incidents stored`);
  await mark('seeding incidents');
  if (stored !== Math.max(INCIDENTS, prepared)) notes.push(`${stored} incidents were stored for the list, not ${INCIDENTS}`);
  if (database) {
    log('VACUUM ANALYZE (as autovacuum would, so that it does not run during the measurements)');
    await database.vacuumAnalyze();
  }
  await sleep(2000); // let the machine settle after the seeding before measuring the floor

  const operations: OperationResult[] = [];
  let floor: LoadResult | null = null;
  let bare: LoadResult | null = null;
  const measure = async (
    name: string,
    spec: Omit<LoadSpec, 'origin' | 'connections' | 'durationSeconds' | 'warmupSeconds' | 'kind'> & {
      kind?: LoadSpec['kind'];
      durationSeconds?: number;
    },
    target: Target | null = null,
  ): Promise<LoadResult> => {
    const kind = spec.kind ?? 'autocannon';
    const load = spec.overallRate
      ? `${spec.overallRate.toLocaleString('en-US')} req/s ${kind === 'paced' ? 'evenly spaced (open loop)' : 'with autocannon --overallRate'}`
      : `${CONNECTIONS} connections, full speed`;
    const seconds = spec.durationSeconds ?? SECONDS;
    log(
      `▶ ${name}: ${spec.method} ${spec.paths ? `${spec.paths.length} paths like ${spec.paths[0]}` : spec.path}, ${load}, ${seconds} s`,
    );
    const cpuBefore = cpuSecondsOf(server.pid);
    const machineBefore = machineTicks();
    const wallBefore = performance.now();
    const result = await runLoad({
      ...spec,
      kind,
      origin: server.origin,
      connections: CONNECTIONS,
      durationSeconds: seconds,
      warmupSeconds: WARMUP,
    });
    const wall = (performance.now() - wallBefore) / 1000;
    const cpuAfter = cpuSecondsOf(server.pid);
    const machineAfter = machineTicks();
    const serverShare = cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / wall : null;
    const ratio = floor && !spec.overallRate ? result.reqPerSec / floor.reqPerSec : null;
    const ratioToBare = bare && !spec.overallRate ? result.reqPerSec / bare.reqPerSec : null;
    const op: OperationResult = {
      name,
      request: `${spec.method} ${spec.path}`,
      load,
      result,
      ratioToFloor: name.startsWith('floor') ? 1 : ratio,
      ratioToBare,
      target,
      met: meets(target, result, ratio),
      failedShare: failedShare(result),
      cpu:
        serverShare === null || !machineBefore || !machineAfter
          ? null
          : {
              serverPercent: serverShare * 100,
              microsPerRequest: result.reqPerSec > 0 ? (serverShare / result.reqPerSec) * 1e6 : 0,
              machineBusyPercent:
                ((machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total)) * 100,
            },
    };
    operations.push(op);
    log(
      `  ${Math.round(result.reqPerSec)} req/s${op.ratioToFloor === null ? '' : ` (${op.ratioToFloor.toFixed(2)} × floor${op.ratioToBare === null ? '' : `, ${op.ratioToBare.toFixed(2)} × bare Fastify`})`}, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors + result.timeouts}${op.cpu ? `, server CPU ${op.cpu.serverPercent.toFixed(0)} % (machine ${op.cpu.machineBusyPercent.toFixed(0)} % busy)` : ''}${target ? `; target ${describeTarget(target)}: ${op.met ? 'met' : 'MISSED'}` : ''}`,
    );
    if (result.non2xx > 0) log(`  status codes: ${JSON.stringify(result.statusCodes)}`);
    return result;
  };

  const note = JSON.stringify({ body: 'bench note' });
  floor = await measure('floor', { method: 'GET', path: '/healthz', headers: {} });
  log(`▶ bare Fastify floor: GET /healthz on a Fastify app with nothing else, ${SECONDS} s`);
  bare = await measureBareFastify({ connections: CONNECTIONS, durationSeconds: SECONDS, warmupSeconds: WARMUP });
  log(
    `  ${Math.round(bare.reqPerSec)} req/s, p99 ${bare.latencyMs.p99} ms (Muster's floor is ${(floor.reqPerSec / bare.reqPerSec).toFixed(2)} × it)`,
  );
  const floorRatioToBare = floor.reqPerSec / bare.reqPerSec;
  operations[0].ratioToBare = floorRatioToBare;
  await measure(
    `list, ${stored.toLocaleString('en-US')} stored`,
    { method: 'GET', path: '/api/v1/incidents?limit=50', headers: auth },
    { kind: 'ratio', min: 0.3 },
  );
  await measure(`list filtered + search, ${stored.toLocaleString('en-US')} stored`, {
    method: 'GET',
    path: '/api/v1/incidents?status=reported&q=Bench',
    headers: auth,
  });
  await measure('get incident (200-event timeline)', { method: 'GET', path: `/api/v1/incidents/${timelineId}`, headers: auth });
  await measure(
    'get timeline (200 events)',
    { method: 'GET', path: `/api/v1/incidents/${timelineId}/timeline`, headers: auth },
    { kind: 'ratio', min: 0.2 },
  );
  await measure(
    'add note (one incident)',
    { method: 'POST', path: `/api/v1/incidents/${noteOneId}/notes`, headers: json, body: note },
    { kind: 'ratio', min: 0.5 },
  );
  await measure(
    'add note (100 incidents)',
    {
      method: 'POST',
      path: `/api/v1/incidents/${noteManyIds[0]}/notes`,
      paths: noteManyIds.map((id) => `/api/v1/incidents/${id}/notes`),
      headers: json,
      body: note,
    },
    { kind: 'ratio', min: 0.5 },
  );
  await measure(
    'add note at 1,000 req/s (autocannon, one incident)',
    { method: 'POST', path: `/api/v1/incidents/${noteRateId}/notes`, headers: json, body: note, overallRate: FIXED_RATE },
    { kind: 'p99', maxMs: 20 },
  );
  await measure(
    'add note at 1,000 req/s (paced, one incident)',
    {
      kind: 'paced',
      method: 'POST',
      path: `/api/v1/incidents/${notePacedId}/notes`,
      headers: json,
      body: note,
      overallRate: FIXED_RATE,
      durationSeconds: PACED_SECONDS,
    },
    { kind: 'p99', maxMs: 20 },
  );
  await measure(
    'create incident',
    { method: 'POST', path: '/api/v1/incidents', headers: json, body: JSON.stringify({ title: 'Bench incident' }) },
    { kind: 'ratio', min: 0.3 },
  );
  await mark('reads, notes and creates');
  log(`▶ stream fan-out: ${FANOUT_STREAMS.toLocaleString('en-US')} open streams, one note`);
  const fanout = await measureFanout({ origin: server.origin, tokens: [token], incidentId: noteOneId, streams: FANOUT_STREAMS });
  log(
    `  all ${fanout.streams} connected in ${Math.round(fanout.connectedMs)} ms; delivered to ${fanout.delivered}: p50 ${fanout.p50Ms?.toFixed(0)} ms, p99 ${fanout.p99Ms?.toFixed(0)} ms, max ${fanout.maxMs?.toFixed(0)} ms`,
  );
  if (fanout.delivered < fanout.streams)
    notes.push(`stream fan-out: only ${fanout.delivered} of ${fanout.streams} streams got the note`);
  await mark('stream fan-out');
  log('▶ notifications: trigger to SMTP sink under 100 incidents/s, and escalation timing');
  const notify = await measureNotifications(api, sink, log);
  await mark('notifications');
  log('▶ response phase: applying playbooks, my tasks among 10,000 open, first reports under 100 reported attacks/s');
  const respond = await measureRespond(api, sink, dialect, log);
  await measure('my open tasks (10,000 open)', { method: 'GET', path: '/api/v1/tasks?assignee=me&status=open', headers: auth });
  await mark('response phase');
  log('▶ evidence: one 1 GiB upload (rate, and the server RSS rise during it)');
  const evidence = await measureEvidence(api, server.origin, token, server.pid, log);
  await mark('evidence upload');
  log('▶ incident report: a 10,000-event timeline as PDF and JSON, signed');
  const incidentReport = await measureIncidentReport(api, server.origin, token, env, log);
  await mark('incident report');
  log('▶ response metrics: 10,000 more incidents with full timelines, then GET /api/v1/metrics/incidents');
  const metrics = await measureMetrics(
    api,
    server.origin,
    token,
    env,
    dialect,
    log,
    {
      floor: floor!,
      bare: bare!,
      seconds: SECONDS,
      warmup: WARMUP,
      // A few at a time: 50 requests of a few hundred milliseconds each time out, and their backlog would still
      // be running when the floor below is measured.
      connections: Math.min(CONNECTIONS, 10),
    },
    database ? () => database.vacuumAnalyze() : undefined,
  );
  await sleep(3000); // let the last metrics requests finish before the floor is measured again
  await mark('response metrics');
  // The machine drifts over a long run: the alert ratios are taken against a floor measured right before them.
  floor = await measure('floor, again before the alerts', { method: 'GET', path: '/healthz', headers: {} });
  const stormLatency = await measureStormLatency(api, server.origin, STORM_LATENCY_SECONDS, log);
  await mark('storm latency');
  const floorP99 = floor.latencyMs.p99;
  log('▶ alerts: single posts, batches of 1,000, de-duplication over many stored, and a storm');
  const alerts = await measureAlerts(
    api,
    server.origin,
    server.pid,
    measure,
    { stored: ALERTS_STORED, stormSeconds: STORM_SECONDS, seconds: SECONDS },
    log,
    mark,
  );
  const afterLoad = memoryOf(server.pid);
  log('▶ floor again, to see how much the machine drifted during the run');
  const floorAtEnd = await runLoad({
    kind: 'autocannon',
    origin: server.origin,
    path: '/healthz',
    method: 'GET',
    headers: {},
    connections: CONNECTIONS,
    durationSeconds: SECONDS,
    warmupSeconds: 0,
  });
  log(`  ${Math.round(floorAtEnd.reqPerSec)} req/s`);

  await server.stop();
  // The storm's memory target is the storm's own: measured again on a server of its own, since the one above
  // starts the storm with whatever the earlier phases left for the collector (the 10,000-event PDF report leaves
  // several hundred MB, which a full collection frees; docs/performance.md, storm memory, third look).
  let stormAlone = null;
  if (dialect === 'sqlite') {
    log(`▶ alert storm on a server of its own: ${STORM_SECONDS} s, 200 connections of 1,000-alert batches, memory sampled`);
    stormAlone = await measureStormMemory({ stormSeconds: STORM_SECONDS, seconds: SECONDS }, log);
  }
  if (dialect === 'sqlite') notes.push(restartLine(await measureRestart(dialect, RESTART_SECONDS, log)));
  await sink.close();
  if (database) await database.drop();
  if (dialect === 'postgres')
    scaleOut = await measureScaleOut({ seconds: SECONDS, warmup: WARMUP, connections: CONNECTIONS }, log);
  const startupMedian = median(samplesMs);
  return {
    dialect,
    startup: {
      samplesMs: samplesMs.map(Math.round),
      medianMs: Math.round(startupMedian),
      webBuildIncluded,
      target: `< ${STARTUP_TARGET_MS} ms`,
      met: startupMedian < STARTUP_TARGET_MS,
    },
    idleRss: idle ? { mb: idle.rssMb, target: `< ${IDLE_RSS_TARGET_MB} MB`, met: idle.rssMb < IDLE_RSS_TARGET_MB } : null,
    afterLoadRss: afterLoad ? { mb: afterLoad.rssMb, peakMb: afterLoad.peakRssMb } : null,
    floorAtEnd,
    bareFloor: bare,
    operations,
    fanout,
    notify,
    respond,
    evidence,
    incidentReport,
    metrics,
    alerts,
    stormAlone,
    phases,
    stormLatency: { ...stormLatency, floorP99Ms: floorP99 },
    notes,
  };
}

function gitInfo(): { commit: string | null; dirty: boolean | null } {
  const rev = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' });
  return {
    commit: rev.status === 0 ? rev.stdout.trim() : null,
    dirty: status.status === 0 ? status.stdout.trim().length > 0 : null,
  };
}

async function main(): Promise<number> {
  installSignalHandlers();
  const startedAt = new Date();
  const loadavgStart = os.loadavg();
  log(
    `Muster benchmark: ${SECONDS} s per operation (+${WARMUP} s warm-up), ${CONNECTIONS} connections, ${INCIDENTS.toLocaleString('en-US')} incidents for the list; ${os.cpus().length} CPUs, node ${process.version}, load ${loadavgStart.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const webBuildIncluded = ensureWebBuild();

  const dialects: ('sqlite' | 'postgres')[] = process.env.BENCH_SQLITE === '0' ? [] : ['sqlite'];
  const skipped: string[] = process.env.BENCH_SQLITE === '0' ? ['SQLite skipped: BENCH_SQLITE=0'] : [];
  if (process.env.BENCH_POSTGRES === '0') skipped.push('PostgreSQL skipped: BENCH_POSTGRES=0');
  else {
    const why = await postgresUnavailable();
    if (why) skipped.push(`PostgreSQL skipped: ${why}`);
    else dialects.push('postgres');
  }
  for (const message of skipped) log(message);

  const suites: SuiteResult[] = [];
  const failures: string[] = [];
  for (const dialect of dialects) {
    try {
      suites.push(await runSuite(dialect, webBuildIncluded));
    } catch (error) {
      // A failed fetch says why only in its cause (the connection refused, reset, or no port left).
      const cause = (error as { cause?: unknown }).cause;
      const why = `${(error as Error).stack ?? error}${cause ? `\ncaused by: ${String((cause as Error).stack ?? cause)}` : ''}`;
      failures.push(`${dialect}: ${why}`);
      log(`The ${dialect} suite failed: ${why}`);
      if (suiteServer) {
        const ended = suiteServer.ended();
        log(
          `Its server ${ended === null ? 'was still running' : `had ended (${ended})`}; the end of its log:\n${suiteServer.logTail()}`,
        );
      }
    } finally {
      suiteServer = null;
      await cleanupAll();
    }
  }

  // Search at 1,000, 10,000 and 100,000 incidents: a database and server of its own per dialect (bench/search.ts).
  const searches: SearchBenchResult[] = [];
  for (const dialect of dialects) {
    await measureSearch(dialect, log)
      .then((r) => searches.push(r))
      .catch((error) => failures.push(`search on ${dialect}: ${(error as Error).stack ?? error}`))
      .finally(cleanupAll);
  }

  for (const suite of suites) {
    for (const op of suite.operations) {
      if (op.failedShare > MAX_FAILED_SHARE) {
        failures.push(`${suite.dialect}: ${op.name}: ${(op.failedShare * 100).toFixed(1)} % of the requests failed`);
      }
    }
  }

  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    loadavgStart,
    loadavgEnd: os.loadavg(),
  };
  const output = {
    search: searches,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    settings: {
      seconds: SECONDS,
      warmupSeconds: WARMUP,
      connections: CONNECTIONS,
      incidents: INCIDENTS,
      starts: STARTS,
      fixedRate: FIXED_RATE,
    },
    machine,
    git: gitInfo(),
    skipped,
    suites,
    scaleOut,
    failures,
  };
  const label = suites.length > 1 ? 'all' : (suites[0]?.dialect ?? 'none');
  const file = path.join(ROOT, 'bench/results', `${startedAt.toISOString().replace(/:/g, '-')}-${label}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  // Formatted as the project's formatter wants it, so that `npm run lint` stays quiet about local results.
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@biomejs/biome/bin/biome'), 'format', '--write', file], {
    cwd: ROOT,
    stdio: 'ignore',
    timeout: 30_000,
  });

  console.log(
    `\nMuster benchmark, ${startedAt.toISOString()}: ${machine.cpus} CPUs (${machine.cpuModel}), node ${machine.node}, load average ${loadavgStart.map((l) => l.toFixed(2)).join(' ')} → ${machine.loadavgEnd.map((l) => l.toFixed(2)).join(' ')}; ${CONNECTIONS} connections, ${SECONDS} s per operation after ${WARMUP} s warm-up, load generator in its own process.`,
  );
  for (const suite of suites) {
    console.log(`\n### ${suite.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL (targets are for SQLite: information only)'}\n`);
    console.log(suiteTables(suite));
    if (suite.stormLatency) {
      console.log(`\n${stormLatencyTable(suite.stormLatency, suite.stormLatency.floorP99Ms, suite.dialect !== 'sqlite')}`);
    }
    if (suite.respond) console.log(`\n${respondTable(suite.respond, suite.dialect !== 'sqlite')}`);
    if (suite.evidence) console.log(`\n${evidenceTable(suite.evidence, suite.dialect !== 'sqlite')}`);
    if (suite.incidentReport) console.log(`\n${incidentReportTable(suite.incidentReport, suite.dialect !== 'sqlite')}`);
    if (suite.metrics)
      console.log(
        `\n${metricsTable(suite.metrics, suite.bareFloor ? { floor: suite.operations[0].result, bare: suite.bareFloor } : null)}`,
      );
    if (suite.alerts) console.log(`\n${alertsTable(suite.alerts, suite.dialect !== 'sqlite')}`);
    if (suite.stormAlone) {
      const a = suite.stormAlone;
      console.log(
        `\nAlert storm on a server of its own (${a.seconds} s, 200 connections): RSS max ${a.maxRssMb.toFixed(0)} MB (idle ${a.idleRssMb.toFixed(0)} MB), target < ${STORM_RSS_TARGET_MB} MB: ${a.met ? 'met' : 'MISSED'}; ${Math.round(a.alertsPerSec).toLocaleString('en-US')} alerts/s stored (${JSON.stringify(a.statusCodes)}); batches of 1,000 on 50 connections before it ${Math.round(a.batchAlertsPerSec).toLocaleString('en-US')} alerts/s`,
      );
    }
    if (suite.phases?.length) console.log(`\nThe server's memory after each phase:\n\n${phaseMemoryTable(suite.phases)}`);
    for (const note of suite.notes) console.log(`\nNote: ${note}`);
  }
  for (const r of searches)
    console.log(`\n${searchTable(r)}\nsearch p50 < 10 ms at 100,000 on ${r.dialect}: ${r.met ? 'met' : 'MISSED'}`);
  if (scaleOut)
    console.log(
      `\n${scaleOutTable(scaleOut)}\n\nTargets (scale-out on PostgreSQL): ${scaleOutMissed(scaleOut).length ? `MISSED: ${scaleOutMissed(scaleOut).join('; ')}` : 'all met'}`,
    );
  for (const message of skipped) console.log(`\n${message}`);
  const missed = suites
    .filter((s) => s.dialect === 'sqlite')
    .flatMap((s) => [
      ...s.operations.filter((op) => op.met === false).map((op) => op.name),
      ...(s.startup.met ? [] : ['start to /readyz']),
      ...(s.idleRss && !s.idleRss.met ? ['idle RSS'] : []),
      ...(s.alerts && !s.alerts.batchTargetMet ? ['alert batches'] : []),
      ...(s.stormAlone && !s.stormAlone.met ? ['RSS during the alert storm'] : []),
      ...(s.respond
        ? [
            ...(s.respond.apply.met ? [] : ['applying a playbook']),
            ...(s.respond.myTasks.met ? [] : ['my tasks']),
            ...(s.respond.firstReport.met ? [] : ['first report']),
          ]
        : []),
      ...(s.evidence && !s.evidence.met ? ['1 GiB evidence upload'] : []),
      ...(s.incidentReport
        ? [
            ...(s.incidentReport.pdf.met ? [] : ['incident report PDF']),
            ...(s.incidentReport.json.met ? [] : ['incident report JSON']),
          ]
        : []),
      ...(s.metrics ? s.metrics.samples.filter((m) => !m.met).map((m) => `GET ${m.path}`) : []),
      ...(s.stormLatency && !s.stormLatency.met ? ['GET /healthz during an alert storm'] : []),
      ...(s.alerts && s.alerts.dedupRatio < DEDUP_TARGET ? ['de-duplication with many stored'] : []),
    ]);
  console.log(`\nTargets (SQLite): ${missed.length ? `MISSED: ${missed.join('; ')}` : 'all met'}`);
  console.log(`Results: ${path.relative(ROOT, file)}`);
  if (failures.length) {
    console.error(`\nFAILED:\n${failures.map((f) => `- ${f}`).join('\n')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error) => {
    console.error(error);
    await cleanupAll();
    process.exitCode = 1;
  },
);
