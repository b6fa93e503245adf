// Alert intake under load (issue "Identify"): single de-duplicated posts against the floor, batches of 1,000,
// de-duplication with 1,000 and with 1,000,000 alerts stored, and a storm at full speed with memory sampled.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Api, benchAlert, failedRequest } from './fixtures.ts';
import type { LoadResult, LoadSpec } from './load.ts';
import { runLoad } from './load.ts';
import { type AlertsResult, metOrMissed, type Target } from './report.ts';
import { memoryOf } from './server-process.ts';
import { STORM_RSS_TARGET_MB } from './storm-memory.ts';

type Measure = (
  name: string,
  spec: Omit<LoadSpec, 'origin' | 'connections' | 'durationSeconds' | 'warmupSeconds' | 'kind'>,
  target?: Target | null,
) => Promise<LoadResult>;

const BATCH = 1000;
export const BATCH_TARGET_ALERTS_PER_SEC = 100_000;
export const DEDUP_TARGET = 0.8;

/** A batch of `size` alerts picked from fingerprints from … to-1, the same for every run with that seed. */
function batchOf(from: number, to: number, size: number, seed: number): string {
  let x = seed * 2654435761 + 1;
  const pick = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return from + (x % (to - from));
  };
  return JSON.stringify(Array.from({ length: size }, () => benchAlert(pick())));
}

/** Posts new alerts bench-from … bench-(to-1) in batches, a few requests at a time; returns alerts stored per second. */
async function seed(origin: string, token: string, from: number, to: number, log: (m: string) => void): Promise<number> {
  let next = from;
  let lastReport = Date.now();
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < to) {
        const start = next;
        next = Math.min(to, next + BATCH);
        const body = JSON.stringify(Array.from({ length: next - start }, (_, i) => benchAlert(start + i)));
        for (;;) {
          const sent = performance.now();
          const response = await fetch(`${origin}/api/v1/alerts`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body,
          }).catch((error: Error) => {
            throw failedRequest(`seeding alerts ${start}–${next}`, sent, error);
          });
          await response.arrayBuffer();
          if (response.status === 202) break;
          if (response.status !== 503) throw new Error(`seeding alerts: ${response.status}`);
          // Over the budget (still busy with what came before): wait as a sender would rather than open connection
          // after connection at once.
          await sleep(Math.min(1000, Number(response.headers.get('retry-after') ?? 0) * 1000 || 50));
        }
        if (Date.now() - lastReport > 5000) {
          lastReport = Date.now();
          log(
            `  seeding: ${next.toLocaleString('en-US')} alerts stored (${Math.round((next - from) / ((Date.now() - started) / 1000)).toLocaleString('en-US')}/s)`,
          );
        }
      }
    }),
  );
  return (to - from) / ((Date.now() - started) / 1000);
}

export async function measureAlerts(
  api: Api,
  origin: string,
  pid: number,
  measure: Measure,
  options: { stored: number; stormSeconds: number; seconds: number },
  log: (m: string) => void,
  /** Records the server's memory after a step (bench/phase-memory.ts). */
  mark: (phase: string) => Promise<void> = async () => {},
): Promise<AlertsResult> {
  const customer = await api<{ id: string }>('POST', '/api/v1/customers', {
    name: 'Bench Alerts AS',
    code: 'BAL',
    timeZone: 'UTC',
  });
  const { token } = await api<{ token: string }>('POST', '/api/v1/alert-sources', { name: 'bench', customerId: customer.id });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const post = { method: 'POST' as const, path: '/api/v1/alerts', headers };

  await seed(origin, token, 0, BATCH, log);
  const single = await measure(
    'alert, single POST, de-duplicated',
    { ...post, body: JSON.stringify(benchAlert(7)) },
    { kind: 'ratio', min: 0.5 },
  );
  const bodies1k = Array.from({ length: 20 }, (_, i) => batchOf(0, BATCH, BATCH, i + 1));
  const batch = await measure(`alerts, batches of 1,000, ${BATCH.toLocaleString('en-US')} stored`, { ...post, bodies: bodies1k });
  // Stored alerts only: a 503 is answered at once and must not count as a batch.
  const storedPerSec = (r: LoadResult) => ((r.statusCodes['202'] ?? 0) / r.durationSeconds) * BATCH;
  const batchAlertsPerSec = storedPerSec(batch);
  log(
    `  ${Math.round(batchAlertsPerSec).toLocaleString('en-US')} alerts/s (target ≥ ${BATCH_TARGET_ALERTS_PER_SEC.toLocaleString('en-US')})`,
  );
  await mark('alerts: single posts and batches of 1,000');

  log(`▶ seeding ${options.stored.toLocaleString('en-US')} alerts`);
  const insertRate = await seed(origin, token, BATCH, options.stored, log);
  await mark('alerts: seeding the stored alerts');
  log(`  ${Math.round(insertRate).toLocaleString('en-US')} new alerts/s while seeding (4 requests at a time)`);
  // A storm repeats the alerts that fire now: the newest 1,000, among everything stored.
  const stored = options.stored.toLocaleString('en-US');
  const bodiesMany = Array.from({ length: 20 }, (_, i) => batchOf(options.stored - BATCH, options.stored, BATCH, i + 1));
  const many = await measure(`alerts, batches of 1,000 firing again, ${stored} stored`, { ...post, bodies: bodiesMany });
  const dedupRatio = storedPerSec(many) / batchAlertsPerSec;
  await mark('alerts: batches firing again');
  log(`  de-duplication with ${stored} stored: ${(dedupRatio * 100).toFixed(0)} % of the figure with 1,000 (target ≥ 80 %)`);
  // The worst case, for the record: repeats spread evenly over every stored alert, so each one is on its own page.
  const bodiesSpread = Array.from({ length: 20 }, (_, i) => batchOf(0, options.stored, BATCH, i + 1));
  // Not an operation of the table: few connections and a long timeout, since each batch then takes about a second.
  log(`▶ batches of 1,000 spread over all ${stored} stored (worst case), 4 connections, ${options.seconds} s`);
  const spread = await runLoad({
    kind: 'autocannon',
    origin,
    ...post,
    bodies: bodiesSpread,
    connections: 4,
    durationSeconds: options.seconds,
    warmupSeconds: 0,
  });
  log(`  ${Math.round(storedPerSec(spread)).toLocaleString('en-US')} alerts/s, p99 ${spread.latencyMs.p99} ms`);
  await mark('alerts: repeats spread over all stored');

  log(`▶ alert storm: ${options.stormSeconds} s at full speed, 200 connections of 1,000-alert batches, memory sampled`);
  const rssAtStart = memoryOf(pid)?.rssMb ?? null;
  let maxRss = rssAtStart;
  const everyTenSeconds: number[] = [];
  const stormStart = Date.now();
  const sampler = setInterval(() => {
    const rss = memoryOf(pid)?.rssMb;
    if (rss === undefined) return;
    if (maxRss === null || rss > maxRss) maxRss = rss;
    if (Date.now() - stormStart >= (everyTenSeconds.length + 1) * 10_000) everyTenSeconds.push(Math.round(rss));
  }, 250);
  const storm = await runLoad({
    kind: 'autocannon',
    origin,
    ...post,
    bodies: bodiesMany,
    connections: 200,
    durationSeconds: options.stormSeconds,
    warmupSeconds: 0,
  });
  clearInterval(sampler);
  await mark('alerts: the storm');
  log(
    `  ${Math.round(((storm.statusCodes['202'] ?? 0) / storm.durationSeconds) * BATCH).toLocaleString('en-US')} alerts/s stored, status codes ${JSON.stringify(storm.statusCodes)}, RSS ${rssAtStart?.toFixed(0)} → max ${maxRss?.toFixed(0)} MB (every 10 s: ${everyTenSeconds.join(', ')}); target < ${STORM_RSS_TARGET_MB} MB: ${maxRss !== null && maxRss < STORM_RSS_TARGET_MB ? 'met' : 'MISSED'}`,
  );
  return {
    singleReqPerSec: single.reqPerSec,
    batchAlertsPerSec,
    batchTargetMet: batchAlertsPerSec >= BATCH_TARGET_ALERTS_PER_SEC,
    dedupStored1k: batchAlertsPerSec,
    dedupStoredMany: storedPerSec(many),
    stored: options.stored,
    dedupRatio,
    insertRate,
    dedupSpread: storedPerSec(spread),
    storm: {
      seconds: options.stormSeconds,
      connections: 200,
      alertsPerSec: ((storm.statusCodes['202'] ?? 0) / storm.durationSeconds) * BATCH,
      statusCodes: storm.statusCodes,
      maxRssMb: maxRss,
      rssTargetMet: maxRss !== null && maxRss < STORM_RSS_TARGET_MB,
      rssEveryTenSecondsMb: everyTenSeconds,
      rssAtStartMb: rssAtStart,
    },
  };
}

/** The alert figures as a Markdown table (the single-post ratio is in the operations table). */
export function alertsTable(a: AlertsResult, informative: boolean): string {
  const n = (v: number) => Math.round(v).toLocaleString('en-US');
  const met = (ok: boolean) => metOrMissed(ok, informative);
  const rows = [
    [
      'alerts/s in batches of 1,000 (1,000 stored)',
      n(a.batchAlertsPerSec),
      `≥ ${n(BATCH_TARGET_ALERTS_PER_SEC)}`,
      met(a.batchTargetMet),
    ],
    [
      `de-duplication, ${n(a.stored)} stored vs 1,000`,
      `${n(a.dedupStoredMany)} vs ${n(a.dedupStored1k)} alerts/s (${(a.dedupRatio * 100).toFixed(0)} %)`,
      `≥ ${DEDUP_TARGET * 100} %`,
      met(a.dedupRatio >= DEDUP_TARGET),
    ],
    [`new alerts while seeding (batches of 1,000, 4 at a time)`, `${n(a.insertRate)} alerts/s`, '', ''],
    [`repeats spread over all ${n(a.stored)} stored (worst case)`, `${n(a.dedupSpread)} alerts/s`, '', ''],
    [
      `storm, ${a.storm.seconds} s, ${a.storm.connections} connections`,
      `${n(a.storm.alertsPerSec)} alerts/s stored; ${Object.entries(a.storm.statusCodes)
        .map(([code, count]) => `${n(count)} × ${code}`)
        .join(', ')}`,
      '503 + Retry-After over the budget',
      '',
    ],
    [
      `RSS during the storm, after every earlier phase on this server`,
      `${a.storm.rssAtStartMb?.toFixed(0) ?? '?'} → max ${a.storm.maxRssMb?.toFixed(0) ?? '?'} MB (every 10 s: ${a.storm.rssEveryTenSecondsMb.join(', ')})`,
      `information (< ${STORM_RSS_TARGET_MB} MB on a server of its own, below)`,
      '',
    ],
  ];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(['alerts', 'value', 'target', 'met?']), line(['---', '---', '---', '---']), ...rows.map(line)].join('\n');
}
