// Storm memory (issue 15): the server's RSS during an alert storm (200 connections posting 1,000-alert batches at
// full speed; over the admission budget they are answered 503 + Retry-After), next to the alerts per second it
// stores, and the batch throughput with 50 connections before it.
//
// Alone: `node bench/storm-memory.ts` starts a SQLite server in a temporary folder and prints the figures.
// BENCH_STORM_SECONDS (default 20), BENCH_SECONDS (batches of 1,000, default 10), BENCH_SERVER_ENV (extra server
// environment, e.g. "ALERT_MAX_PENDING_BYTES=4194304"), BENCH_NODE_ARGS (e.g. "--max-semi-space-size=8"), BENCH_MAIN (another checkout's src/main.ts).
// `npm run bench` runs the same storm inside bench/alerts.ts and reports it against STORM_RSS_TARGET_MB.
import { cleanupAll, installSignalHandlers } from './cleanup.ts';
import { apiClient, benchAlert, createToken, tempDir } from './fixtures.ts';
import { runLoad } from './load.ts';
import { phaseMemory } from './phase-memory.ts';
import { freePort, memoryOf, serverEnv, startServer } from './server-process.ts';

export const STORM_RSS_TARGET_MB = 300;

const BATCH = 1000;
const log = (message: string) => process.stderr.write(`${message}\n`);

function batchOf(size: number, seed: number): string {
  let x = seed * 2654435761 + 1;
  const pick = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % BATCH;
  };
  return JSON.stringify(Array.from({ length: size }, () => benchAlert(pick())));
}

/** Heap figures from the server's own /metrics (prom-client's default metrics), in MB. */
async function heapOf(origin: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^muster_nodejs_(heap_size_used_bytes|heap_size_total_bytes|external_memory_bytes)\s+(\S+)/.exec(line);
    if (m) out[m[1].replace('_bytes', '')] = Number(m[2]) / 2 ** 20;
    const s = /^muster_nodejs_heap_space_size_total_bytes\{space="(new|old|large_object)"\}\s+(\S+)/.exec(line);
    if (s) out[`${s[1]}_space`] = Number(s[2]) / 2 ** 20;
  }
  return out;
}

export interface StormMemoryResult {
  seconds: number;
  idleRssMb: number;
  /** Batches of 1,000 on 50 connections before the storm, stored alerts per second. */
  batchAlertsPerSec: number;
  alertsPerSec: number;
  statusCodes: Record<string, number>;
  errors: number;
  maxRssMb: number;
  met: boolean;
}

/**
 * The storm on a server of its own (SQLite, one source, 1,000 stored alerts): what the storm itself takes,
 * apart from whatever earlier work left for the collector.
 */
export async function measureStormMemory(
  options: { stormSeconds: number; seconds: number; nodeArgs?: string[]; main?: string; serverEnv?: Record<string, string> },
  log: (message: string) => void,
): Promise<StormMemoryResult> {
  const env = {
    ...serverEnv({ port: await freePort(), dataDir: tempDir('storm'), databaseUrl: null }),
    ...options.serverEnv,
  };
  const server = await startServer(env, { nodeArgs: options.nodeArgs ?? [], main: options.main });
  try {
    return await stormOn(server, env, options, log);
  } finally {
    await server.stop();
  }
}

async function stormOn(
  server: Awaited<ReturnType<typeof startServer>>,
  env: NodeJS.ProcessEnv,
  options: { stormSeconds: number; seconds: number },
  log: (message: string) => void,
): Promise<StormMemoryResult> {
  const STORM_SECONDS = options.stormSeconds;
  const SECONDS = options.seconds;
  const api = apiClient(server.origin, await createToken(env));
  const customer = await api<{ id: string }>('POST', '/api/v1/customers', { name: 'Storm AS', code: 'STM', timeZone: 'UTC' });
  const { token } = await api<{ token: string }>('POST', '/api/v1/alert-sources', { name: 'storm', customerId: customer.id });
  const post = {
    method: 'POST' as const,
    path: '/api/v1/alerts',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  };
  await api('GET', '/healthz');
  const seedBody = JSON.stringify(Array.from({ length: BATCH }, (_, i) => benchAlert(i)));
  const seeded = await fetch(`${server.origin}/api/v1/alerts`, { ...post, body: seedBody });
  if (seeded.status !== 202) throw new Error(`seeding answered ${seeded.status}`);
  const bodies = Array.from({ length: 20 }, (_, i) => batchOf(BATCH, i + 1));
  const idle = memoryOf(server.pid)?.rssMb ?? 0;

  const batch = await runLoad({
    kind: 'autocannon',
    origin: server.origin,
    ...post,
    bodies,
    connections: 50,
    durationSeconds: SECONDS,
    warmupSeconds: 1,
  });
  const afterBatch = memoryOf(server.pid)?.rssMb ?? 0;
  // Stored alerts only: a 503 is answered at once and would count as a batch otherwise.
  const batchAlertsPerSec = ((batch.statusCodes['202'] ?? 0) / batch.durationSeconds) * BATCH;
  log(
    `batches of 1,000, 50 connections: ${Math.round(batchAlertsPerSec).toLocaleString('en-US')} alerts/s, p99 ${batch.latencyMs.p99} ms, codes ${JSON.stringify(batch.statusCodes)}; RSS ${idle.toFixed(0)} → ${afterBatch.toFixed(0)} MB`,
  );

  let maxRss = 0;
  const samples: string[] = [];
  const started = Date.now();
  const sampler = setInterval(() => {
    const rss = memoryOf(server.pid)?.rssMb ?? 0;
    if (rss > maxRss) maxRss = rss;
  }, 250);
  const heapSampler = setInterval(() => {
    void Promise.all([heapOf(server.origin), phaseMemory(server.pid, server.origin, '')]).then(
      ([h, m]) => {
        samples.push(
          `${Math.round((Date.now() - started) / 1000)}s rss ${(memoryOf(server.pid)?.rssMb ?? 0).toFixed(0)} (malloc ${m?.mallocMb.toFixed(0)}, anonymous ${m?.anonMb.toFixed(0)}) heap ${h.heap_size_used?.toFixed(0)}/${h.heap_size_total?.toFixed(0)} new ${h.new_space?.toFixed(0)} old ${h.old_space?.toFixed(0)} lo ${h.large_object_space?.toFixed(0)} ext ${h.external_memory?.toFixed(0)}`,
        );
      },
      () => {},
    );
  }, 2000);
  const storm = await runLoad({
    kind: 'autocannon',
    origin: server.origin,
    ...post,
    bodies,
    connections: 200,
    durationSeconds: STORM_SECONDS,
    warmupSeconds: 0,
  });
  clearInterval(sampler);
  clearInterval(heapSampler);
  const stored = ((storm.statusCodes['202'] ?? 0) / storm.durationSeconds) * BATCH;
  for (const s of samples) log(`  ${s}`);
  log(
    `  storm ${STORM_SECONDS} s, 200 connections: ${Math.round(stored).toLocaleString('en-US')} alerts/s stored, codes ${JSON.stringify(storm.statusCodes)}, errors ${storm.errors + storm.timeouts}; RSS max ${maxRss.toFixed(0)} MB (target < ${STORM_RSS_TARGET_MB}: ${maxRss < STORM_RSS_TARGET_MB ? 'met' : 'MISSED'}); batches ${Math.round(batchAlertsPerSec).toLocaleString('en-US')} alerts/s; idle RSS ${idle.toFixed(0)} MB`,
  );
  return {
    seconds: STORM_SECONDS,
    idleRssMb: idle,
    batchAlertsPerSec,
    alertsPerSec: stored,
    statusCodes: storm.statusCodes,
    errors: storm.errors + storm.timeouts,
    maxRssMb: maxRss,
    met: maxRss < STORM_RSS_TARGET_MB,
  };
}

async function main(): Promise<void> {
  installSignalHandlers();
  const result = await measureStormMemory(
    {
      stormSeconds: Number(process.env.BENCH_STORM_SECONDS || 20),
      seconds: Number(process.env.BENCH_SECONDS || 10),
      nodeArgs: (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
      // BENCH_MAIN: another checkout's src/main.ts, to measure before and after in turns.
      main: process.env.BENCH_MAIN || undefined,
      serverEnv: Object.fromEntries(
        (process.env.BENCH_SERVER_ENV ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((kv) => kv.split('=')),
      ),
    },
    log,
  );
  console.log(
    `storm ${result.seconds} s, 200 connections: ${Math.round(result.alertsPerSec).toLocaleString('en-US')} alerts/s stored, codes ${JSON.stringify(result.statusCodes)}, errors ${result.errors}; RSS max ${result.maxRssMb.toFixed(0)} MB (target < ${STORM_RSS_TARGET_MB}: ${result.met ? 'met' : 'MISSED'}); batches ${Math.round(result.batchAlertsPerSec).toLocaleString('en-US')} alerts/s; idle RSS ${result.idleRssMb.toFixed(0)} MB`,
  );
}

if (import.meta.main) {
  main()
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => cleanupAll());
}
