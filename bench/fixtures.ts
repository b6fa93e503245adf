// Set-up shared by the benchmark and the profiler: a user and token, and incidents made through the API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onCleanup } from './cleanup.ts';
import { runCli } from './server-process.ts';

const SEED_TIME_LIMIT_MS = 10 * 60_000;
const log = (message: string) => process.stderr.write(`${message}\n`);

/** A temporary folder, removed by the clean-up. */
export function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `muster-bench-${label}-`));
  onCleanup(`remove ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Creates an admin and an API token with the CLI against the server's data; returns the token. */
export async function createToken(env: NodeJS.ProcessEnv): Promise<string> {
  await runCli(
    ['user', 'create', '--email', 'bench@example.test', '--name', 'Bench', '--role', 'admin', '--password', 'bench password 123'],
    env,
  );
  const stdout = await runCli(['token', 'create', '--email', 'bench@example.test', '--name', 'bench'], env);
  return stdout.trim().split('\n').pop()!;
}

/** A request that got no answer, named, with how long it waited and the driver's own cause (reset, closed…). */
export function failedRequest(request: string, sentAt: number, error: Error): Error {
  const waited = Math.round(performance.now() - sentAt);
  return new Error(`${request}: ${error.message} after ${waited} ms`, { cause: error.cause ?? error });
}

/** A small client for the set-up requests, sent from this process (not measured). */
export function apiClient(origin: string, token: string) {
  return async function api<T>(method: string, urlPath: string, body?: unknown): Promise<T> {
    const sent = performance.now();
    const response = await fetch(`${origin}${urlPath}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    }).catch((error: Error) => {
      throw failedRequest(`${method} ${urlPath}`, sent, error);
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${urlPath} answered ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : null) as T;
  };
}
export type Api = ReturnType<typeof apiClient>;

/** Creates count incidents with `concurrency` requests in flight; returns their ids. */
export async function createIncidents(api: Api, count: number, label: string, concurrency = 50): Promise<string[]> {
  const ids: string[] = [];
  const started = Date.now();
  let next = 0;
  let lastReport = 0;
  const report = (force = false) => {
    if (count < 500 || (!force && Date.now() - lastReport < 1000)) return;
    lastReport = Date.now();
    const line = `  ${label}: ${ids.length.toLocaleString('en-US')} / ${count.toLocaleString('en-US')} incidents`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${force ? '\n' : ''}`);
    else log(line);
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        if (Date.now() - started > SEED_TIME_LIMIT_MS)
          throw new Error(`${label} took longer than ${SEED_TIME_LIMIT_MS / 1000} s`);
        const n = next++;
        const incident = await api<{ id: string }>('POST', '/api/v1/incidents', { title: `Bench incident ${n + 1}` });
        ids.push(incident.id);
        report();
      }
    }),
  );
  report(true);
  return ids;
}

/** Counts the stored incidents by paging through the list (200 a page, bounded). */
export async function countIncidents(api: Api): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const query: string = `/api/v1/incidents?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const result: { items: unknown[]; nextCursor: string | null } = await api('GET', query);
    count += result.items.length;
    cursor = result.nextCursor;
    if (!cursor) return count;
  }
  throw new Error('more than 200,000 incidents: the count stopped');
}

/** An incident whose timeline holds `events` events: reported, then events - 1 notes. */
export async function incidentWithTimeline(api: Api, events: number): Promise<string> {
  const [id] = await createIncidents(api, 1, 'timeline');
  for (let i = 1; i < events; i++) await api('POST', `/api/v1/incidents/${id}/notes`, { body: `bench note ${i}` });
  const timeline = await api<{ events: unknown[] }>('GET', `/api/v1/incidents/${id}/timeline`);
  if (timeline.events.length !== events)
    throw new Error(`the prepared timeline has ${timeline.events.length} events, not ${events}`);
  return id;
}

/**
 * A new incident for one measurement, with a customer of its own: once any customer exists, an incident must name
 * one (the response phase creates customers before the evidence and report measurements run).
 */
export async function incidentOfItsOwn(api: Api, fields: { title: string; tlp?: string }): Promise<{ id: string }> {
  const customer = await api<{ id: string }>('POST', '/api/v1/customers', { name: `${fields.title} customer` });
  return api<{ id: string }>('POST', '/api/v1/incidents', { ...fields, customerId: customer.id });
}

/** The alert the benchmarks send, number i (its fingerprint). */
export const benchAlert = (i: number) => ({
  fingerprint: `bench-${i}`,
  title: 'Bench alert: disk almost full',
  severity: 'medium',
  labels: { alertname: 'BenchDiskFull', instance: `host-${i}.example.net`, job: 'node' },
  status: 'firing',
});
