import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { LIST_COUNT_CAP } from '../../shared/incident-list.ts';
import { migrateDownTo, migrateToLatest } from '../core/db/migrations.ts';
import type { IncidentsTable } from '../core/db/schema.ts';
import { SEARCH_MIGRATION_NAMES, searchMigrationDown } from '../core/db/search-migrations.ts';
import { withTransaction } from '../core/db/transaction.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

import type { IncidentState } from './incident-state.ts';
import { incidentRow } from './incidents.queries.ts';

// The incident search (decision 0019): every word of q in the title, description or key, ignoring case, as a
// substring; read from the trigram index and checked against a plain filter over everything stored.

interface Item {
  id: string;
  key: string;
  title: string;
  description: string;
  tlp: string;
  customerId: string | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  total: number;
  totalExact: boolean;
}

/** The definition, in memory: every distinct white-space separated word is in one of the three fields. */
function naiveMatch(item: Pick<Item, 'title' | 'description' | 'key'>, q: string): boolean {
  const words = [...new Set(q.split(/\s+/u).filter(Boolean))].slice(0, 16);
  const fields = [item.title, item.description, item.key].map((f) => f.toLowerCase());
  return words.every((w) => fields.some((f) => f.includes(w.toLowerCase())));
}

for (const dialect of await testDialects()) {
  describe(`incident search on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let member: string;
    let customerA: string;
    let customerB: string;

    const call = async (method: string, url: string, body?: unknown, token = admin) => {
      const res = await server.request(method, url, { token, body });
      return { status: res.status, body: await res.json() };
    };
    const report = async (fields: Record<string, unknown>) => {
      const res = await call('POST', '/api/v1/incidents', { customerId: customerA, ...fields });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body as Item;
    };
    /** Every page of a search, following nextCursor; the first page's count. */
    async function search(q: string, token = admin, limit = 200, extra = '') {
      const items: Item[] = [];
      let first: Page | undefined;
      for (let cursor: string | null = null, pages = 0; ; pages++) {
        assert.ok(pages < 100, 'the walk ends');
        const url = `/api/v1/incidents?q=${encodeURIComponent(q)}&limit=${limit}${extra}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await call('GET', url, undefined, token);
        assert.equal(res.status, 200, `q=${JSON.stringify(q)}: ${JSON.stringify(res.body)}`);
        first ??= res.body;
        items.push(...res.body.items);
        if (!res.body.nextCursor) break;
        cursor = res.body.nextCursor;
      }
      const ids = items.map((i) => i.id);
      assert.equal(new Set(ids).size, ids.length, `q=${JSON.stringify(q)}: no incident twice`);
      return { ids, items, first: first as Page };
    }
    /** Every incident the admin may see, for the in-memory filter. */
    async function everything(): Promise<Item[]> {
      const items: Item[] = [];
      for (let cursor: string | null = null; ; ) {
        const res = await call('GET', `/api/v1/incidents?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        items.push(...res.body.items);
        if (!res.body.nextCursor) return items;
        cursor = res.body.nextCursor;
      }
    }
    // Keys unique across every bulk load of the run (the server and its incidents stay between tests).
    let bulkKeys = 0;
    /** Writes incidents straight into the table, as a bulk load would (the index follows by itself). */
    async function bulk(
      template: Item,
      fields: { title: string; description: string; customerId?: string | null; tlp?: string; status?: string }[],
    ) {
      const database = server.deps.database;
      const row = await database.db
        .selectFrom('incidents')
        .select('state')
        .where('id', '=', template.id)
        .executeTakeFirstOrThrow();
      const base = JSON.parse(row.state) as IncidentState;
      const start = Date.parse('2024-01-01T00:00:00.000Z');
      const rows: IncidentsTable[] = fields.map((f, i) => {
        const at = new Date(start + i * 60_000).toISOString();
        const state: IncidentState = {
          ...base,
          id: randomUUID(),
          key: `INC-2024-${String(++bulkKeys).padStart(6, '0')}`,
          title: f.title,
          description: f.description,
          customerId: f.customerId === undefined ? base.customerId : f.customerId,
          tlp: (f.tlp ?? base.tlp) as IncidentState['tlp'],
          status: (f.status ?? base.status) as IncidentState['status'],
          times: { ...base.times, reportedAt: at },
          createdAt: at,
          updatedAt: at,
        };
        return incidentRow(state, base.id);
      });
      await withTransaction(database, async (tx) => {
        for (let i = 0; i < rows.length; i += 200)
          await tx
            .insertInto('incidents')
            .values(rows.slice(i, i + 200))
            .execute();
      });
      if (dialect === 'postgres') await sql`analyze`.execute(database.db);
      return rows.map((r) => r.id);
    }

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin', 'Ada Admin');
      customerA = (await call('POST', '/api/v1/customers', { name: 'Nordlys Energi' })).body.id;
      customerB = (await call('POST', '/api/v1/customers', { name: 'Havbris AS' })).body.id;
      member = await server.memberToken(customerA, 'responder', 'Mona Member');
    });
    after(() => server.close());

    it('finds a word in the title, the description or the key, ignoring case, also inside a longer word', async () => {
      const ransom = await report({ title: 'Ransomware on the file server', description: 'Shares on FS01 encrypted' });
      const phish = await report({ title: 'Phishing wave', description: 'Credential harvesting via QR codes' });
      const ids = async (q: string) => (await search(q)).ids;
      assert.deepEqual(await ids('ransom'), [ransom.id], 'a prefix');
      assert.deepEqual(await ids('SOMWAR'), [ransom.id], 'the middle of a word, any case');
      assert.deepEqual(await ids('fs01'), [ransom.id], 'the description');
      assert.deepEqual(await ids('harvest'), [phish.id]);
      assert.deepEqual(await ids(phish.key), [phish.id], 'the key');
      assert.deepEqual(await ids(phish.key.toLowerCase().slice(1)), [phish.id], 'part of the key');
      assert.ok((await ids(phish.key.slice(0, 8))).includes(ransom.id), 'the year part of every key');
      assert.deepEqual(await ids('ransomwhere'), []);
    });

    it('needs every word, in any order and in any field, and checks words of one or two characters on the row', async () => {
      const a = await report({ title: 'Beacon to C2 over DNS', description: 'Host wks-4411 beaconing every 60 s' });
      await report({ title: 'Beacon to C2 over HTTPS', description: 'Host wks-9000' });
      const ids = async (q: string) => (await search(q)).ids;
      assert.deepEqual(await ids('dns beacon'), [a.id]);
      assert.deepEqual(await ids('  wks-4411   C2 '), [a.id], 'spaces around and between words do not count');
      assert.deepEqual(await ids('dns C2 60'), [a.id], 'short words next to an indexed one');
      assert.deepEqual(await ids('beacon ftp'), []);
      assert.ok((await ids('C2')).includes(a.id), 'only short words: each row is checked');
    });

    it('follows a changed title and description in the same change', async () => {
      const item = await report({ title: 'Odd traffic', description: 'Seen at night' });
      const patched = await call('PATCH', `/api/v1/incidents/${item.id}`, {
        title: 'Exfiltration over DNS tunnel',
        description: 'Iodine client found',
      });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.deepEqual((await search('odd traffic')).ids, []);
      assert.deepEqual((await search('tunnel iodine')).ids, [item.id]);
      const noted = await call('POST', `/api/v1/incidents/${item.id}/notes`, { body: 'no change to the text' });
      assert.equal(noted.status, 201, JSON.stringify(noted.body));
      assert.deepEqual((await search('tunnel iodine')).ids, [item.id], 'a note leaves it found');
    });

    it('keeps another customer’s incidents and TLP:RED ones out of the search of someone not listed', async () => {
      const ours = await report({ title: 'Kraken malware at the plant', customerId: customerA });
      const theirs = await report({ title: 'Kraken malware at the harbour', customerId: customerB });
      const red = await report({ title: 'Kraken malware in the board room', customerId: customerA, tlp: 'TLP:RED' });
      const seen = await search('kraken', member);
      assert.deepEqual(seen.ids, [ours.id]);
      assert.equal(seen.first.total, 1);
      assert.deepEqual(new Set((await search('kraken')).ids), new Set([ours.id, theirs.id, red.id]), 'admin');
      const filtered = await search('kraken', admin, 200, `&customerId=${customerB}`);
      assert.deepEqual(filtered.ids, [theirs.id], 'customer filter');
      assert.deepEqual((await search('board room', member)).ids, [], 'RED: not even by its own words');
    });

    it('pages through a search newest first with cursors and counts it', async () => {
      const marker = `mark${Date.now()}`;
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push((await report({ title: `${marker} ${i}` })).id);
      const { ids, first } = await search(marker, admin, 2);
      assert.deepEqual(ids, made.reverse());
      assert.equal(first.items.length, 2);
      assert.equal(first.total, 5);
      assert.equal(first.totalExact, true);
    });

    it('pages a word in thousands of incidents by the sort index and a rare one by the text index, alike', async () => {
      const template = await report({ title: 'Template', customerId: customerA });
      // More than the index hands to a page at this size (indexPageLimit): the common word walks the sort index.
      const n = 1500;
      const customers = [customerA, customerB, null];
      const made = await bulk(
        template,
        Array.from({ length: n }, (_, i) => ({
          title: `Widespread scanning ${i}`,
          description: i % 97 === 0 ? `Rare needle zx${i}q in the log` : 'Ordinary noise',
          customerId: customers[i % 3],
        })),
      );
      const common = await search('widespread', admin, 200);
      assert.deepEqual(new Set(common.ids), new Set(made));
      assert.equal(common.first.total, LIST_COUNT_CAP);
      assert.equal(common.first.totalExact, false);
      const visible = new Set(made.filter((_, i) => i % 3 !== 1));
      const theirs = await search('widespread scanning', member, 200);
      assert.deepEqual(new Set(theirs.ids), visible, 'a member walks only what they may see');
      // The first 1,001 matches hold fewer than 1,001 the member may see: the count goes on past them.
      assert.equal(theirs.first.total, visible.size);
      assert.equal(theirs.first.totalExact, true);
      const rare = await search('needle', admin, 3);
      assert.deepEqual(new Set(rare.ids), new Set(made.filter((_, i) => i % 97 === 0)));
      assert.equal(rare.first.total, Math.ceil(n / 97));
      assert.deepEqual((await search('zx97q')).ids, [made[97]]);
    });

    it('finds and counts the same incidents whichever way a search is read: by its own table, by each incident, walked', async () => {
      const template = await report({ title: 'Template', customerId: customerA });
      // A common word in 1,200 incidents (more than the 1,001 read to plan), one in 40 of them customer B's, one in 10
      // TLP:RED, one in 5 assessing; a word in one in 12 (from the index's matches). PostgreSQL reads the default order
      // from its search table's copies and another order by looking each match up; it counts a member's common word
      // in the search table (two thirds pass) and customer B's by walking the incidents (one in 40 pass).
      const customers = (i: number) => (i % 40 === 0 ? customerB : i % 2 ? customerA : null);
      const fields = Array.from({ length: 1200 }, (_, i) => ({
        title: `Pangolin sighting ${i}`,
        description: i % 12 === 0 ? 'with an okapi' : 'alone',
        customerId: customers(i),
        tlp: i % 10 === 3 ? 'TLP:RED' : 'TLP:AMBER',
        status: i % 5 === 0 ? 'assessing' : 'reported',
      }));
      const made = await bulk(template, fields);
      const expect = (keep: (i: number) => boolean) => new Set(made.filter((_, i) => keep(i)));
      // Nobody is on the TLP:RED ones' access lists: not even the admin sees them.
      const seen = (i: number) => fields[i].tlp !== 'TLP:RED';
      const visibleToMember = (i: number) => fields[i].customerId !== customerB && seen(i);
      const cases = [
        { q: 'pangolin', token: admin, extra: '', keep: seen },
        { q: 'pangolin', token: member, extra: '', keep: visibleToMember },
        { q: 'sighting pangolin', token: admin, extra: `&customerId=${customerB}`, keep: (i: number) => i % 40 === 0 && seen(i) },
        { q: 'pangolin', token: admin, extra: '&status=assessing', keep: (i: number) => i % 5 === 0 && seen(i) },
        { q: 'pangolin', token: member, extra: '&status=assessing', keep: (i: number) => i % 5 === 0 && visibleToMember(i) },
        { q: 'okapi', token: admin, extra: '', keep: (i: number) => i % 12 === 0 && seen(i) },
        {
          q: 'okapi',
          token: member,
          extra: '&status=reported',
          keep: (i: number) => i % 12 === 0 && i % 5 !== 0 && visibleToMember(i),
        },
        { q: 'okapi pangolin', token: admin, extra: '&exercise=false', keep: (i: number) => i % 12 === 0 && seen(i) },
      ];
      for (const c of cases) {
        const want = expect(c.keep);
        for (const sort of ['', '&sort=updated', '&sort=severity&order=asc']) {
          const got = await search(c.q, c.token, 200, `${c.extra}${sort}`);
          const label = `q=${c.q}${c.extra}${sort} (${c.token === admin ? 'admin' : 'member'})`;
          assert.deepEqual(new Set(got.ids), want, label);
          assert.equal(got.first.total, Math.min(want.size, LIST_COUNT_CAP), label);
          assert.equal(got.first.totalExact, want.size <= LIST_COUNT_CAP, label);
        }
      }
    });

    it('follows a changed TLP, customer and status in the search’s filters', async () => {
      const item = await report({ title: 'Quokka in the server room', customerId: customerA });
      const seen = async (extra = '', token = member) => (await search('quokka', token, 200, extra)).ids;
      assert.deepEqual(await seen(), [item.id]);
      const patch = async (body: Record<string, unknown>) => {
        const res = await call('PATCH', `/api/v1/incidents/${item.id}`, body);
        assert.equal(res.status, 200, JSON.stringify(res.body));
      };
      await patch({ tlp: 'TLP:RED' });
      assert.deepEqual(await seen(), [], 'TLP:RED, the member not listed');
      await patch({ tlp: 'TLP:AMBER', customerId: customerB });
      assert.deepEqual(await seen(), [], 'another customer’s');
      assert.deepEqual(await seen(`&customerId=${customerB}`, admin), [item.id]);
      await patch({ customerId: customerA });
      assert.deepEqual(await seen('&status=reported'), [item.id]);
      const moved = await call('POST', `/api/v1/incidents/${item.id}/transitions`, { to: 'assessing', reason: 'Looking' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.deepEqual(await seen('&status=reported'), []);
      assert.deepEqual(await seen('&status=assessing'), [item.id]);
    });

    it('answers 200 to any text within the length limit: quotes, operators, wildcards, brackets, unicode', async () => {
      const nasty = [
        '"',
        '""',
        '"unbalanced',
        "'; DROP TABLE incidents; --",
        'a AND b',
        'OR',
        'NOT',
        'NEAR(a b, 3)',
        'NEAR',
        '*',
        'foo*',
        '^start',
        '(((',
        ')',
        'title:secret',
        '{title}: x',
        '- + : ^ ~',
        '%',
        '_',
        '\\',
        '!!!',
        '...',
        '🔥🔥🔥',
        'שלום',
        '日本語のテキスト',
        'e\u0301',
        '\u200b\u200b\u200b',
        'x'.repeat(200),
        `${'word '.repeat(39)}word`,
        '&|!:*()<->',
      ];
      const marked = await report({ title: 'NEAR(a b, 3) "quoted" foo* (((🔥🔥🔥 title:secret %_\\ 日本語のテキスト' });
      for (const q of nasty) {
        const res = await call('GET', `/api/v1/incidents?q=${encodeURIComponent(q)}`);
        assert.equal(res.status, 200, `q=${JSON.stringify(q)}: ${JSON.stringify(res.body)}`);
      }
      for (const q of ['NEAR(a', '"quoted"', 'foo*', '(((🔥', 'title:secret', '%_\\', 'テキスト', '🔥🔥🔥']) {
        assert.ok((await search(q)).ids.includes(marked.id), `q=${JSON.stringify(q)} finds its own text`);
      }
      const nul = await call('GET', `/api/v1/incidents?q=${encodeURIComponent('\u0000x')}`);
      assert.equal(nul.status, 400, 'NUL is refused at the edge, as in every text field');
      assert.equal(nul.body.error.field, 'q');
      const long = await call('GET', `/api/v1/incidents?q=${'y'.repeat(201)}`);
      assert.equal(long.status, 400);
      assert.equal(long.body.error.field, 'q');
    });

    it('gives the same incidents as a plain filter over everything stored, for generated text and queries', async () => {
      const template = await report({ title: 'Property template' });
      // Case differs only in ASCII letters here: SQLite's LIKE folds those alone.
      const alphabet = fc.constantFrom(...'abcABCxyzXYZ0123-_.%"*()\':'.split(''), 'ш', '日', '🔥', 'é');
      const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 7 });
      const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
      const fields = fc.sample(fc.record({ title: text, description: text }), { numRuns: 300, seed: 15 });
      await bulk(template, fields);
      const stored = await everything();
      const fromStored = fc.sample(
        fc.tuple(fc.nat(stored.length - 1), fc.nat(40), fc.integer({ min: 1, max: 6 })).map(([i, at, len]) => {
          const s = stored[i];
          const all = `${s.title} ${s.description} ${s.key}`;
          return all.slice(at % all.length, (at % all.length) + len);
        }),
        { numRuns: 60, seed: 16 },
      );
      const queries = [
        ...fromStored,
        ...fc.sample(
          fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' ')),
          { numRuns: 60, seed: 17 },
        ),
      ];
      for (const q of queries) {
        const want = stored.filter((s) => naiveMatch(s, q)).map((s) => s.id);
        const got = (await search(q)).ids;
        assert.deepEqual(new Set(got), new Set(want), `q=${JSON.stringify(q)}`);
      }
    });

    it('copies the filter columns of the incidents already stored when migration 0021 runs, and undoes it', async () => {
      const database = server.deps.database;
      const red = await report({ title: 'Wombat burrow in the DMZ', tlp: 'TLP:RED' });
      const plain = await report({ title: 'Wombat tracks in the logs' });
      await migrateDownTo(database.db, dialect, '0020_incident_search');
      await migrateToLatest(database.db, dialect);
      assert.deepEqual((await search('wombat', member)).ids, [plain.id], 'TLP:RED stays out after the copy');
      assert.deepEqual(new Set((await search('wombat')).ids), new Set([red.id, plain.id]));
    });

    it('fills the index for the incidents already stored when the migration runs', async () => {
      const database = server.deps.database;
      const before = await report({ title: 'Backfill candidate zebra', description: 'From before the index' });
      for (const statement of searchMigrationDown(dialect)) await sql.raw(statement).execute(database.db);
      await sql`delete from kysely_migration where name in (${sql.join(SEARCH_MIGRATION_NAMES)})`.execute(database.db);
      assert.equal((await call('GET', '/api/v1/incidents?q=zzzzz')).status, 500, 'without its index, the search fails');
      await migrateToLatest(database.db, dialect);
      assert.deepEqual((await search('candidate zebra')).ids, [before.id]);
      const later = await report({ title: 'Zebra after the migration' });
      assert.deepEqual(new Set((await search('zebra')).ids), new Set([before.id, later.id]));
    });
  });
}
