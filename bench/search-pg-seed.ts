// Development aid: a PostgreSQL database of 100,000 generated incidents (as bench/search.ts writes them) that stays,
// for EXPLAIN (ANALYZE, BUFFERS) by hand. `node bench/search-pg-seed.ts <database name>`; drop it yourself.
import pg from 'pg';
import { loadConfig } from '../src/server/core/config.ts';
import { openDatabase } from '../src/server/core/db/database.ts';
import type { IncidentState } from '../src/server/incidents/incident-state.ts';
import { apiClient, createToken, tempDir } from './fixtures.ts';
import { seed } from './search.ts';
import { freePort, serverEnv, startServer } from './server-process.ts';

const name = process.argv[2] ?? 'muster_search_dev';
const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
await admin.query(`create database ${name}`);
await admin.end();
const url = `postgres://postgres@127.0.0.1:5432/${name}`;
const env = serverEnv({ port: await freePort(), dataDir: tempDir('search-dev'), databaseUrl: url });
const server = await startServer(env);
const database = openDatabase(loadConfig(env));
const token = await createToken(env);
const api = apiClient(server.origin, token);
const me = await api<{ user: { id: string } }>('GET', '/api/v1/auth/me');
const customers: string[] = [];
for (let i = 0; i < 3; i++) customers.push((await api<{ id: string }>('POST', '/api/v1/customers', { name: `Search ${i}` })).id);
const template = await api<{ id: string }>('POST', '/api/v1/incidents', { title: 'Template', customerId: customers[0] });
const row = await database.db.selectFrom('incidents').select('state').where('id', '=', template.id).executeTakeFirstOrThrow();
await database.db.deleteFrom('incidents').where('id', '=', template.id).execute();
await seed(database, JSON.parse(row.state) as IncidentState, me.user.id, customers, 0, 100_000);
await server.stop();
await database.close();
console.log(JSON.stringify({ url, reader: me.user.id, customers }));
