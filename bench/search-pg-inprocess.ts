// Development aid: the list request's own database work for each search (listIncidentRowPage without HTTP), timed
// in-process on a database kept by bench/search-pg-seed.ts. `node bench/search-pg-inprocess.ts <url> <reader id>
// <customer id> [samples]`: p50 / p95 per search, for the reader as an admin and as a member of one customer.
import type { Actor } from '../src/server/auth/policy.ts';
import { openDatabase } from '../src/server/core/db/database.ts';
import type { Deps } from '../src/server/core/deps.ts';
import { listIncidentRowPage } from '../src/server/incidents/list-incidents.ts';

const [url, reader, customer] = process.argv.slice(2);
const samples = Number(process.argv[5] ?? 31);
const database = openDatabase({ dataDir: '/tmp', databaseUrl: url });
const deps = { database } as unknown as Deps;
const admin: Actor = { id: reader, name: 'Bench', role: 'admin', via: 'token', memberships: {} };
const member: Actor = {
  id: reader,
  name: 'Bench',
  role: 'responder',
  via: 'token',
  memberships: { [customer]: 'responder' },
} as Actor;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
const queries = [
  { q: undefined as string | undefined },
  { q: 'kerberoast' },
  { q: 'lateral' },
  { q: 'host' },
  { q: 'seen host' },
  { q: 'host', status: ['reported'] },
  { q: 'zz' },
];
for (const [who, actor] of [
  ['admin', admin],
  ['member', member],
] as const) {
  for (const extra of queries) {
    const ms: number[] = [];
    let total = 0;
    let first = '';
    for (let i = 0; i < samples + 3; i++) {
      const started = performance.now();
      const page = await listIncidentRowPage(deps, actor, { limit: 50, ...extra });
      if (i >= 3) ms.push(performance.now() - started);
      total = page.total;
      first = page.items[0]?.id ?? '';
    }
    console.log(
      `${who} ${JSON.stringify(extra)}: p50 ${percentile(ms, 50).toFixed(2)} ms, p95 ${percentile(ms, 95).toFixed(2)} ms, total ${total}, first ${first}`,
    );
  }
}
await database.close();
