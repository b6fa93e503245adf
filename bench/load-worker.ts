// The load generator, run as its own process so that it does not share an event loop with the benchmark
// script: `node bench/load-worker.ts < spec.json` (a LoadSpec) prints one LoadResult as JSON on stdout.
//
// kind "autocannon": closed loop, `connections` connections each sending the next request as soon as the
//   previous answer arrived (or, with overallRate, at most overallRate/connections per connection per second,
//   which autocannon sends as a burst at the start of each second).
// kind "paced": open loop, one request every 1/rate seconds, evenly spaced, over at most `connections`
//   keep-alive connections; latency is measured from when the request was due, so a stalled server cannot
//   hide its queue (no coordinated omission).
import http from 'node:http';
import { createRequire } from 'node:module';
import type { LoadResult, LoadSpec } from './load.ts';

interface AutocannonResult {
  requests: { average: number; total: number; sent: number };
  latency: { p50: number; p97_5: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function runAutocannon(spec: LoadSpec, seconds: number): Promise<LoadResult> {
  let next = 0;
  let nextBody = 0;
  const paths = spec.paths ?? [spec.path];
  const bodies = spec.bodies ?? [];
  const result = await autocannon({
    url: `${spec.origin}${paths[0]}`,
    method: spec.method,
    headers: spec.headers,
    body: spec.body ?? spec.bodies?.[0],
    connections: spec.connections,
    duration: seconds,
    timeout: 10,
    ...(spec.overallRate ? { overallRate: spec.overallRate, ignoreCoordinatedOmission: true } : {}),
    // Spread the requests over several paths or bodies: each request takes the next one, whichever connection sends it.
    ...(paths.length > 1 || bodies.length > 1
      ? {
          requests: [
            {
              setupRequest: (request: Record<string, unknown>) => ({
                ...request,
                ...(paths.length > 1 ? { path: paths[next++ % paths.length] } : {}),
                ...(bodies.length > 1 ? { body: bodies[nextBody++ % bodies.length] } : {}),
              }),
            },
          ],
        }
      : {}),
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = count;
  return {
    reqPerSec: result.requests.average,
    total: result.requests.total,
    durationSeconds: result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      mean: result.latency.average,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

async function runPaced(spec: LoadSpec, seconds: number): Promise<LoadResult> {
  const rate = spec.overallRate ?? 1000;
  const count = Math.round(rate * seconds);
  const url = new URL(spec.origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  let settled = 0;
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body);
  const headers = { ...spec.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
  let allSettled: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    allSettled = resolve;
  });
  const settle = () => {
    if (++settled === count) allSettled();
  };

  const send = (dueAt: number) => {
    let timedOut = false;
    const request = http.request(
      { agent, host: url.hostname, port: url.port, path: spec.path, method: spec.method, headers, timeout: 10_000 },
      (response) => {
        response.resume();
        response.on('end', () => {
          const code = response.statusCode ?? 0;
          statusCodes[code] = (statusCodes[code] ?? 0) + 1;
          if (code >= 200 && code < 300) latencies.push(performance.now() - dueAt);
          else non2xx++;
          settle();
        });
      },
    );
    request.on('timeout', () => {
      timedOut = true;
      timeouts++;
      request.destroy(new Error('timeout'));
    });
    request.on('error', () => {
      if (!timedOut) errors++;
      settle();
    });
    request.end(body);
  };

  const start = performance.now();
  const interval = 1000 / rate;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Send every request that is due by now, each timed from its own due time.
      while (sent < count && start + sent * interval <= now) send(start + sent++ * interval);
      if (sent < count) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  // Wait for the answers still in flight, but not for ever.
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] : 0;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    reqPerSec: latencies.length / elapsed,
    total: settled,
    durationSeconds: elapsed,
    latencyMs: {
      p50: round(pct(50)),
      p97_5: round(pct(97.5)),
      p99: round(pct(99)),
      mean: round(latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1)),
      max: round(latencies[latencies.length - 1] ?? 0),
    },
    non2xx,
    errors: errors + (count - settled),
    timeouts,
    statusCodes,
  };
}

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const spec = JSON.parse(Buffer.concat(chunks).toString('utf8')) as LoadSpec;
const run = spec.kind === 'paced' ? runPaced : runAutocannon;
if (spec.warmupSeconds > 0) await run(spec, spec.warmupSeconds);
const result = await run(spec, spec.durationSeconds);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
