// Quick check of PostgreSQL appends through one and two instances (issue 15, point 1): notes on 200 incidents and
// incident creation, through instance A alone and through A and B at once (the same connections in total), against
// GET /healthz on A measured in the same run. Run standalone: npx node bench/pg-appends.ts [seconds]

import { apiClient, createIncidents, createToken, tempDir } from './fixtures.ts';
import { type LoadSpec, runLoad } from './load.ts';
import { createBenchDatabase } from './postgres.ts';
import { freePort, serverEnv, startServer } from './server-process.ts';

const SECONDS = Number(process.argv[2] ?? 8);
const CONNECTIONS = 32;

const database = await createBenchDatabase();
const env = async () => serverEnv({ port: await freePort(), dataDir: tempDir('pg-appends'), databaseUrl: database.url });
const envA = await env();
const a = await startServer(envA);
const b = await startServer(await env());
try {
  const token = await createToken(envA);
  const ids = await createIncidents(apiClient(a.origin, token), 200, 'incidents for notes');
  const auth = { authorization: `Bearer ${token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const load = (origin: string, spec: Omit<LoadSpec, 'kind' | 'origin' | 'durationSeconds' | 'warmupSeconds'>) =>
    runLoad({ kind: 'autocannon', origin, durationSeconds: SECONDS, warmupSeconds: 1, ...spec });
  const notes = {
    method: 'POST' as const,
    path: `/api/v1/incidents/${ids[0]}/notes`,
    paths: ids.map((id) => `/api/v1/incidents/${id}/notes`),
    headers: json,
    body: JSON.stringify({ body: 'bench note' }),
  };
  const creates = { method: 'POST' as const, path: '/api/v1/incidents', headers: json, body: JSON.stringify({ title: 'Bench' }) };
  const floor = await load(a.origin, { method: 'GET', path: '/healthz', headers: {}, connections: CONNECTIONS });
  const rows: Record<string, unknown>[] = [{ what: 'GET /healthz (A)', reqPerSec: Math.round(floor.reqPerSec) }];
  for (const [what, spec] of [
    ['add note (200 incidents)', notes],
    ['create incident', creates],
  ] as const) {
    const one = await load(a.origin, { ...spec, connections: CONNECTIONS });
    const [onA, onB] = await Promise.all([
      load(a.origin, { ...spec, connections: CONNECTIONS / 2 }),
      load(b.origin, { ...spec, connections: CONNECTIONS / 2 }),
    ]);
    const two = onA.reqPerSec + onB.reqPerSec;
    const errors = (r: typeof one) => r.errors + r.non2xx + r.timeouts;
    rows.push({
      what,
      oneInstance: Math.round(one.reqPerSec),
      twoInstances: Math.round(two),
      twoOverOne: +(two / one.reqPerSec).toFixed(2),
      oneOverFloor: +(one.reqPerSec / floor.reqPerSec).toFixed(3),
      p99OneMs: one.latencyMs.p99,
      errors: errors(one) + errors(onA) + errors(onB),
    });
  }
  console.table(rows);
  console.log(JSON.stringify(rows));
} finally {
  await b.stop();
  await a.stop();
  await database.drop();
}
