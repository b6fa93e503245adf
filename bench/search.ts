// Incident search at 1,000, 10,000 and 100,000 incidents (issue 15, decision 0019): single-client GET
// /api/v1/incidents?q=… for a rare word (a few incidents), a word in 1 % of them and one in nearly all, p50 and p95;
// target p50 < 10 ms at 100,000 on both dialects. GET /healthz, timed the same way in the same run, is the floor.
//
// The incidents are written from this process straight into the incidents table in transactions of 10,000 rows
// (the row the projection writes, from incidentRow; the search index follows by its own triggers), with the server
// running: 100,000 through HTTP would take many minutes. After each load the server is restarted on the same data.
//
// Standalone: `node bench/search.ts [sqlite|postgres]`. BENCH_SEARCH_SIZES (default 1000,10000,100000),
// BENCH_SEARCH_SAMPLES (default 31). BENCH_SEARCH_BEFORE=<a checkout of the code before the index> also times the
// same searches at the largest size on that code, on the same data (migration 0020 undone first): before and after.
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/core/config.ts';
import { type Database, openDatabase } from '../src/server/core/db/database.ts';
import type { IncidentAccessTable, IncidentsTable } from '../src/server/core/db/schema.ts';
import { SEARCH_MIGRATION_NAMES, searchMigrationDown } from '../src/server/core/db/search-migrations.ts';
import { withTransaction } from '../src/server/core/db/transaction.ts';
import type { IncidentState } from '../src/server/incidents/incident-state.ts';
import { incidentRow } from '../src/server/incidents/incidents.queries.ts';
import { cleanupAll, installSignalHandlers } from './cleanup.ts';
import { apiClient, createToken, tempDir } from './fixtures.ts';
import { type BenchDatabase, createBenchDatabase } from './postgres.ts';
import { freePort, type RunningServer, serverEnv, startServer } from './server-process.ts';

const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const SAMPLES = Number(process.env.BENCH_SEARCH_SAMPLES ?? 31);
const BEFORE_ROOT = process.env.BENCH_SEARCH_BEFORE || null;
export const SEARCH_TARGET_MS = 10;

/** The searches timed, with which incidents (by their index in the generated sequence) have the word. */
const SEARCHES = [
  { name: 'no search: the list, for reference', q: '', has: () => true },
  { name: 'rare word', q: 'kerberoast', has: (i: number) => i % 50_000 === 500 || i % 50_000 === 5_500 },
  { name: 'word in 1 %', q: 'lateral', has: (i: number) => i % 100 === 7 },
  { name: 'word in nearly all', q: 'host', has: (i: number) => i % 1000 !== 999 },
  { name: 'two words, both common', q: 'seen host', has: (i: number) => i % 1000 !== 999 },
] as const;

export interface SearchTiming {
  name: string;
  q: string;
  matches: number;
  total: number;
  p50Ms: number;
  p95Ms: number;
}
export interface SearchSize {
  incidents: number;
  seedMs: number;
  floor: { p50Ms: number; p95Ms: number };
  searches: SearchTiming[];
}
export interface SearchBenchResult {
  dialect: 'sqlite' | 'postgres';
  sizes: SearchSize[];
  /** The same searches on the code before the index, at the largest size, same data. */
  before: SearchSize | null;
  met: boolean;
}

// A small deterministic generator: the same incidents on every run and dialect.
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SYLLABLES = ['ka', 'ri', 'mu', 'ne', 'zo', 'pa', 'vi', 'lu', 'de', 'gi', 'bo', 'fe', 'ju', 'wy', 'qe', 'xa'];
const COMMON = ['phishing', 'malware', 'outage', 'credential', 'firewall', 'backup', 'vpn', 'mailbox', 'server', 'ddos'];

function texts(i: number): { title: string; description: string } {
  const next = random(i + 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const word = () => Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join('');
  const words = (n: number) => Array.from({ length: n }, () => (next() < 0.3 ? pick(COMMON) : word())).join(' ');
  const extra = SEARCHES.filter((s) => s.q === 'kerberoast' || s.q === 'lateral')
    .filter((s) => s.has(i))
    .map((s) => s.q);
  const title = `${pick(COMMON)} ${words(4)}${extra.includes('kerberoast') ? ' kerberoast' : ''}`;
  const seen = i % 1000 !== 999 ? ` Seen on host ${(i * 2654435761) % 0xffffff}.` : '';
  const description = `${words(25)}${extra.includes('lateral') ? ' lateral movement' : ''}.${seen}`;
  return { title, description };
}

/** Adds incidents from..to-1 of the sequence, 10,000 to a transaction; a fiftieth TLP:RED with the reader listed. */
export async function seed(
  database: Database,
  base: IncidentState,
  readerId: string,
  customers: string[],
  from: number,
  to: number,
) {
  const start = Date.parse('2020-01-01T00:00:00.000Z');
  for (let chunk = from; chunk < to; chunk += 10_000) {
    const rows: IncidentsTable[] = [];
    const access: IncidentAccessTable[] = [];
    for (let i = chunk; i < Math.min(to, chunk + 10_000); i++) {
      const at = new Date(start + i * 60_000).toISOString();
      const red = i % 50 === 3;
      const state: IncidentState = {
        ...base,
        ...texts(i),
        id: `bench-${String(i).padStart(7, '0')}`,
        key: `INC-2020-${String(i + 1).padStart(6, '0')}`,
        customerId: customers[i % customers.length],
        tlp: red ? 'TLP:RED' : 'TLP:AMBER',
        times: { ...base.times, reportedAt: at },
        createdAt: at,
        updatedAt: at,
      };
      rows.push(incidentRow(state, base.id));
      if (red)
        access.push({
          incident_id: state.id,
          user_id: readerId,
          user_name: 'Bench',
          reason: 'added',
          added_by_id: readerId,
          added_by_name: 'Bench',
          added_at: at,
        });
    }
    await withTransaction(database, async (tx) => {
      for (let i = 0; i < rows.length; i += 500)
        await tx
          .insertInto('incidents')
          .values(rows.slice(i, i + 500))
          .execute();
      for (let i = 0; i < access.length; i += 500)
        await tx
          .insertInto('incident_access')
          .values(access.slice(i, i + 500))
          .execute();
    });
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (n: number) => Math.round(n * 100) / 100;

async function timed(origin: string, token: string, urlPath: string): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(`${origin}${urlPath}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`GET ${urlPath} answered ${response.status}: ${body.slice(0, 300)}`);
  return { ms, body };
}

/**
 * Each search sample is paired with a GET /healthz right before it, so both see the same machine (it is shared).
 * Before each sample `touch` changes the database through the server (outside the search): answers are kept until
 * the database changes (decision 0022), and what is timed here is the search itself, not a kept answer.
 */
async function timeSearches(
  origin: string,
  token: string,
  incidents: number,
  touch: () => Promise<void>,
  log: (line: string) => void,
) {
  const floorMs: number[] = [];
  const searches: SearchTiming[] = [];
  for (const s of SEARCHES) {
    const urlPath = s.q ? `/api/v1/incidents?q=${encodeURIComponent(s.q)}&limit=50` : '/api/v1/incidents?limit=50';
    for (let i = 0; i < 3; i++) await timed(origin, token, urlPath); // warm
    const ms: number[] = [];
    let body = '';
    for (let i = 0; i < SAMPLES; i++) {
      floorMs.push((await timed(origin, token, '/healthz')).ms);
      await touch();
      ({ ms: ms[i], body } = await timed(origin, token, urlPath));
    }
    const page = JSON.parse(body) as { items: unknown[]; total: number };
    const matches = Array.from({ length: incidents }, (_, i) => i).filter(s.has).length;
    if (page.total !== Math.min(matches, 1000)) log(`  ! q=${s.q}: total ${page.total}, expected ${Math.min(matches, 1000)}`);
    const timing = { p50Ms: round(percentile(ms, 50)), p95Ms: round(percentile(ms, 95)) };
    searches.push({ name: s.name, q: s.q, matches, total: page.total, ...timing });
    log(
      `  ${incidents.toLocaleString('en-US')} incidents, q=${s.q} (${matches.toLocaleString('en-US')} match): p50 ${timing.p50Ms} ms, p95 ${timing.p95Ms} ms (floor p50 so far ${round(percentile(floorMs, 50))} ms)`,
    );
  }
  return { floor: { p50Ms: round(percentile(floorMs, 50)), p95Ms: round(percentile(floorMs, 95)) }, searches };
}

/** Seeds 1k, 10k, 100k incidents on a fresh database and server of its own, timing the searches at each size. */
export async function measureSearch(dialect: 'sqlite' | 'postgres', log: (line: string) => void): Promise<SearchBenchResult> {
  const bench: BenchDatabase | null = dialect === 'postgres' ? await createBenchDatabase() : null;
  const env = serverEnv({ port: await freePort(), dataDir: tempDir(`search-${dialect}`), databaseUrl: bench?.url ?? null });
  let server: RunningServer | null = await startServer(env);
  const database = openDatabase(loadConfig(env));
  try {
    const token = await createToken(env);
    const api = apiClient(server.origin, token);
    // A write through the server (its own connection, as in use) that no search reads: the profile's name.
    let touches = 0;
    const touch = async () => {
      await apiClient(server?.origin ?? '', token)('PATCH', '/api/v1/auth/me', { name: `Bench ${++touches}` });
    };
    const me = await api<{ user: { id: string } }>('GET', '/api/v1/auth/me');
    const customers: string[] = [];
    for (let i = 0; i < 3; i++)
      customers.push((await api<{ id: string }>('POST', '/api/v1/customers', { name: `Search ${i}` })).id);
    const template = await api<{ id: string }>('POST', '/api/v1/incidents', { title: 'Template', customerId: customers[0] });
    const row = await database.db.selectFrom('incidents').select('state').where('id', '=', template.id).executeTakeFirstOrThrow();
    await database.db.deleteFrom('incidents').where('id', '=', template.id).execute();
    const base = JSON.parse(row.state) as IncidentState;
    const sizes: SearchSize[] = [];
    let seeded = 0;
    for (const size of SIZES) {
      const started = performance.now();
      await seed(database, base, me.user.id, customers, seeded, size);
      // As after a load and a restart: the WAL written by this process folded in, statistics taken (PostgreSQL).
      if (bench) await bench.vacuumAnalyze();
      else await sql`pragma wal_checkpoint(truncate)`.execute(database.db);
      await server.stop();
      server = await startServer(env);
      const seedMs = Math.round(performance.now() - started);
      log(`  ${(size - seeded).toLocaleString('en-US')} incidents written in ${(seedMs / 1000).toFixed(1)} s`);
      seeded = size;
      sizes.push({ incidents: size, seedMs, ...(await timeSearches(server.origin, token, size, touch, log)) });
    }
    let before: SearchSize | null = null;
    if (BEFORE_ROOT) {
      await server.stop();
      for (const statement of searchMigrationDown(dialect)) await sql.raw(statement).execute(database.db);
      await sql`delete from kysely_migration where name in (${sql.join(SEARCH_MIGRATION_NAMES)})`.execute(database.db);
      if (bench) await bench.vacuumAnalyze();
      server = await startServer(env, { main: path.join(BEFORE_ROOT, 'src/main.ts') });
      log(`  before the index (${BEFORE_ROOT}):`);
      before = { incidents: seeded, seedMs: 0, ...(await timeSearches(server.origin, token, seeded, touch, log)) };
    }
    const largest = sizes.at(-1);
    const met = !!largest && largest.incidents >= 100_000 && largest.searches.every((s) => !s.q || s.p50Ms < SEARCH_TARGET_MS);
    return { dialect, sizes, before, met };
  } finally {
    await database.close();
    await server?.stop();
    await bench?.drop();
  }
}

/** The search figures as a Markdown table, with met or missed for the target at 100,000. */
export function searchTable(r: SearchBenchResult): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  const rows = [
    line([`search on ${r.dialect}`, 'incidents', 'matching', 'p50', 'p95', 'floor p50 (GET /healthz)', 'target p50']),
    line(['---', '---', '---', '---', '---', '---', '---']),
  ];
  const add = (size: SearchSize, label: string) => {
    for (const s of size.searches) {
      const target =
        size.incidents >= 100_000 && label === 'after' && s.q ? (s.p50Ms < SEARCH_TARGET_MS ? 'met' : '**MISSED**') : '—';
      rows.push(
        line([
          s.q ? `${label}: q=${s.q} (${s.name})` : `${label}: ${s.name}`,
          size.incidents.toLocaleString('en-US'),
          s.matches.toLocaleString('en-US'),
          `${s.p50Ms} ms`,
          `${s.p95Ms} ms`,
          `${size.floor.p50Ms} ms`,
          `< ${SEARCH_TARGET_MS} ms: ${target}`,
        ]),
      );
    }
  };
  for (const size of r.sizes) add(size, 'after');
  if (r.before) add(r.before, 'before (LIKE scan)');
  return rows.join('\n');
}

async function standalone(dialect: 'sqlite' | 'postgres'): Promise<void> {
  installSignalHandlers();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`▶ incident search on ${dialect}`);
  const result = await measureSearch(dialect, log);
  console.log(searchTable(result));
  console.log(`search p50 < ${SEARCH_TARGET_MS} ms at 100,000 incidents on ${dialect}: ${result.met ? 'met' : 'MISSED'}`);
}

if (import.meta.filename === process.argv[1]) {
  const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
  standalone(dialect)
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => cleanupAll());
}
