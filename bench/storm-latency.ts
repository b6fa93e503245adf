// Storm latency (issue 10): how long GET /healthz takes while 8 senders post 5,000-alert batches as fast as they
// are answered (202 or 503), reported next to the floor's own p99. The senders and the probe run in separate
// processes (bench/load-worker.ts): the senders closed loop, the probe paced, each request timed from when it was
// due, so a blocked event loop shows in full.
//
// Alone: `node bench/storm-latency.ts [--postgres]` starts a SQLite (or PostgreSQL) server in a temporary folder and prints the figures
// (BENCH_STORM_LATENCY_SECONDS, default 15).
import type { Api } from './fixtures.ts';
import { type LoadResult, runLoad } from './load.ts';

export const STORM_SENDERS = 8;
export const STORM_BATCH = 5_000;
export const STORM_HEALTHZ_P99_TARGET_MS = 100;
const PROBE_RATE = 100;

export interface StormLatencyResult {
  seconds: number;
  senders: number;
  batch: number;
  /** Bytes of one batch as sent. */
  batchBytes: number;
  healthz: LoadResult;
  senderStatusCodes: Record<string, number>;
  alertsPerSec: number;
  target: string;
  met: boolean;
}

/** An alert as a monitoring system sends it: a few labels and a description. */
const alert = (sender: number, i: number) => ({
  fingerprint: `storm-${sender}-${i}`,
  title: 'Storm: service unreachable',
  severity: 'high',
  labels: { alertname: 'StormUnreachable', instance: `host-${i}.example.net`, job: 'blackbox', sender: String(sender) },
  annotations: { description: `host-${i}.example.net did not answer the probe for 2 minutes` },
  status: 'firing',
});

export async function measureStormLatency(
  api: Api,
  origin: string,
  seconds: number,
  log: (m: string) => void,
): Promise<StormLatencyResult> {
  const customer = await api<{ id: string }>('POST', '/api/v1/customers', {
    name: 'Bench Storm AS',
    code: 'BST',
    timeZone: 'UTC',
  });
  const { token } = await api<{ token: string }>('POST', '/api/v1/alert-sources', { name: 'storm', customerId: customer.id });
  // Two batches per sender, so that a storm both starts alerts and repeats them.
  const bodies = Array.from({ length: STORM_SENDERS * 2 }, (_, b) =>
    JSON.stringify(
      Array.from({ length: STORM_BATCH }, (_, i) => alert(b % STORM_SENDERS, i + (b >= STORM_SENDERS ? STORM_BATCH / 2 : 0))),
    ),
  );
  const batchBytes = Buffer.byteLength(bodies[0]);
  log(
    `▶ storm latency: ${STORM_SENDERS} senders of ${STORM_BATCH.toLocaleString('en-US')}-alert batches (${(batchBytes / 1e6).toFixed(1)} MB each), GET /healthz paced at ${PROBE_RATE}/s, ${seconds} s`,
  );
  const storm = runLoad({
    kind: 'autocannon',
    origin,
    method: 'POST',
    path: '/api/v1/alerts',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    bodies,
    connections: STORM_SENDERS,
    durationSeconds: seconds + 2,
    warmupSeconds: 0,
  });
  // The probe starts once the storm is under way.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const healthz = await runLoad({
    kind: 'paced',
    origin,
    method: 'GET',
    path: '/healthz',
    headers: {},
    connections: 20,
    durationSeconds: seconds,
    warmupSeconds: 0,
    overallRate: PROBE_RATE,
  });
  const senders = await storm;
  const alertsPerSec = ((senders.statusCodes['202'] ?? 0) / senders.durationSeconds) * STORM_BATCH;
  const met = healthz.latencyMs.p99 < STORM_HEALTHZ_P99_TARGET_MS && healthz.non2xx + healthz.errors + healthz.timeouts === 0;
  log(
    `  healthz p50 ${healthz.latencyMs.p50} ms, p99 ${healthz.latencyMs.p99} ms, max ${healthz.latencyMs.max} ms (target p99 < ${STORM_HEALTHZ_P99_TARGET_MS} ms: ${met ? 'met' : 'MISSED'}); senders ${JSON.stringify(senders.statusCodes)}, ${Math.round(alertsPerSec).toLocaleString('en-US')} alerts/s stored`,
  );
  return {
    seconds,
    senders: STORM_SENDERS,
    batch: STORM_BATCH,
    batchBytes,
    healthz,
    senderStatusCodes: senders.statusCodes,
    alertsPerSec,
    target: `p99 < ${STORM_HEALTHZ_P99_TARGET_MS} ms`,
    met,
  };
}

/** The storm-latency row, next to the floor's p99 measured in the same run. */
export function stormLatencyTable(s: StormLatencyResult, floorP99Ms: number | null, informative: boolean): string {
  const codes = Object.entries(s.senderStatusCodes)
    .map(([code, count]) => `${count.toLocaleString('en-US')} × ${code}`)
    .join(', ');
  const row = [
    `GET /healthz during a storm (${s.senders} senders × ${s.batch.toLocaleString('en-US')} alerts, ${s.seconds} s)`,
    `p50 ${s.healthz.latencyMs.p50} ms, p99 **${s.healthz.latencyMs.p99} ms**, max ${s.healthz.latencyMs.max} ms`,
    floorP99Ms === null ? '—' : `${floorP99Ms} ms`,
    `${codes}; ${Math.round(s.alertsPerSec).toLocaleString('en-US')} alerts/s stored`,
    s.target,
    informative ? (s.met ? '(yes)' : '(no)') : s.met ? 'yes' : 'NO',
  ];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(['storm latency', 'healthz during the storm', 'floor p99 (no storm)', 'senders', 'target', 'met?']),
    line(row.map(() => '---')),
    line(row),
  ].join('\n');
}

if (import.meta.main) {
  const { cleanupAll, installSignalHandlers } = await import('./cleanup.ts');
  const { apiClient, createToken, tempDir } = await import('./fixtures.ts');
  const { freePort, serverEnv, startServer } = await import('./server-process.ts');
  installSignalHandlers();
  const log = (message: string) => process.stderr.write(`${message}\n`);
  try {
    // --postgres: on a fresh PostgreSQL database; the server's log goes to BENCH_SERVER_LOG when set.
    const { createBenchDatabase } = await import('./postgres.ts');
    const databaseUrl = process.argv.includes('--postgres') ? (await createBenchDatabase()).url : null;
    const env = serverEnv({ port: await freePort(), dataDir: tempDir('storm'), databaseUrl });
    const server = await startServer(env, { logFile: process.env.BENCH_SERVER_LOG });
    const api = apiClient(server.origin, await createToken(env));
    const floor = await runLoad({
      kind: 'paced',
      origin: server.origin,
      method: 'GET',
      path: '/healthz',
      headers: {},
      connections: 20,
      durationSeconds: 5,
      warmupSeconds: 0,
      overallRate: PROBE_RATE,
    });
    const seconds = Number(process.env.BENCH_STORM_LATENCY_SECONDS || 15);
    const result = await measureStormLatency(api, server.origin, seconds, log);
    console.log(stormLatencyTable(result, floor.latencyMs.p99, false));
  } finally {
    await cleanupAll();
  }
}
