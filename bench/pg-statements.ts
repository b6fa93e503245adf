// `node bench/pg-statements.ts`: the statements (each a round trip) one note and one incident creation send to
// PostgreSQL, recorded by a hook in the server process (bench/pg-statements-hook.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanupAll, installSignalHandlers } from './cleanup.ts';
import { apiClient, createIncidents, createToken, tempDir } from './fixtures.ts';
import { createBenchDatabase } from './postgres.ts';
import { freePort, serverEnv, startServer } from './server-process.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
installSignalHandlers();
const file = path.join(os.tmpdir(), `muster-pg-statements-${process.pid}.json`);
const database = await createBenchDatabase();
try {
  const env = {
    ...serverEnv({ port: await freePort(), dataDir: tempDir('pg-statements'), databaseUrl: database.url }),
    PG_STATEMENTS_FILE: file,
  };
  const server = await startServer(env, { nodeArgs: ['--import', path.join(import.meta.dirname, 'pg-statements-hook.ts')] });
  const api = apiClient(server.origin, await createToken(env));
  const [id] = await createIncidents(api, 1, 'warm-up');
  await api('POST', `/api/v1/incidents/${id}/notes`, { body: 'warm-up' });
  const record = async (label: string, send: () => Promise<unknown>) => {
    await sleep(300);
    process.kill(server.pid, 'SIGUSR2');
    await sleep(200);
    await send();
    await sleep(300);
    process.kill(server.pid, 'SIGUSR2');
    await sleep(200);
    const statements = JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
    console.log(`\n${label}: ${statements.length} statements`);
    for (const s of statements) console.log(`  ${s.slice(0, 160)}`);
  };
  await record('add note', () => api('POST', `/api/v1/incidents/${id}/notes`, { body: 'a note' }));
  await record('create incident', () => api('POST', '/api/v1/incidents', { title: 'An incident' }));
  await server.stop();
} finally {
  fs.rmSync(file, { force: true });
  await cleanupAll();
}
