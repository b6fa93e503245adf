import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DEFAULT_SORT_ORDER, type IncidentSort, LIST_COUNT_CAP, type SortOrder } from '../../shared/incident-list.ts';
import { INCIDENT_STATUSES, SEVERITIES } from '../../shared/incident-vocabulary.ts';
import type { IncidentAccessTable, IncidentRolesTable, IncidentsTable } from '../core/db/schema.ts';
import { withTransaction } from '../core/db/transaction.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import type { IncidentState } from './incident-state.ts';
import { incidentRow } from './incidents.queries.ts';

// The incident list at volume: 10,000 incidents written straight into the tables (as reporting would leave them),
// then walked page by page through the API in every order it offers, by an admin and by a customer's member.

const BULK = 10_000;
const RED = 'TLP:RED';

interface Item {
  id: string;
  status: string;
  severity: string | null;
  customerId: string | null;
  tlp: string;
  updatedAt: string;
  times: { reportedAt: string };
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  prevCursor: string | null;
  total: number;
  totalExact: boolean;
}

const sortKey = (item: Item, sort: IncidentSort): string | number => {
  if (sort === 'reported') return item.times.reportedAt;
  if (sort === 'updated') return item.updatedAt;
  if (sort === 'severity') return item.severity ? SEVERITIES.indexOf(item.severity as never) + 1 : 0;
  return INCIDENT_STATUSES.indexOf(item.status as never);
};

/** Every neighbour pair strictly in order: by the sort key, then by id, both in the asked direction. */
function assertOrdered(items: Item[], sort: IncidentSort, order: SortOrder) {
  const before = order === 'asc' ? -1 : 1;
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    const [ka, kb] = [sortKey(a, sort), sortKey(b, sort)];
    const cmp = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    assert.equal(cmp, before, `${sort} ${order}: item ${i - 1} (${ka}, ${a.id}) before item ${i} (${kb}, ${b.id})`);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

for (const dialect of await testDialects()) {
  describe(`the incident list with ${BULK.toLocaleString('en')} incidents on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let adminId: string;
    let member: string;
    let memberId: string;
    let customerA: string;
    const expected = { admin: new Set<string>(), member: new Set<string>(), mine: new Set<string>() };

    const get = async (url: string, token: string) => {
      const started = performance.now();
      const res = await server.request('GET', url, { token });
      const body = await res.json();
      return { status: res.status, body, ms: performance.now() - started };
    };

    /** Follows nextCursor to the end; returns every item and each request's time. */
    async function walk(token: string, query: string, limit: number) {
      const items: Item[] = [];
      const times: number[] = [];
      let first: Page | undefined;
      for (let cursor: string | null = null, pages = 0; ; pages++) {
        assert.ok(pages <= BULK / limit + 2, 'the walk ends');
        const url = `/api/v1/incidents?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const { status, body, ms } = await get(url, token);
        assert.equal(status, 200, JSON.stringify(body));
        const page = body as Page;
        first ??= page;
        times.push(ms);
        items.push(...page.items);
        assert.ok(page.items.length <= limit);
        if (!page.nextCursor) break;
        assert.equal(page.items.length, limit, 'only the last page is short');
        cursor = page.nextCursor;
      }
      return { items, times, first: first as Page };
    }

    function assertSameSet(items: Item[], want: Set<string>, what: string) {
      const ids = items.map((i) => i.id);
      assert.equal(new Set(ids).size, ids.length, `${what}: no incident twice`);
      const listed = new Set(ids);
      const missing = [...want].filter((id) => !listed.has(id));
      assert.equal(ids.length, want.size, `${what}: ${ids.length} listed, ${want.size} expected`);
      assert.deepEqual(missing.slice(0, 5), [], `${what}: none missing`);
    }

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin', 'Ada Admin');
      adminId = (await get('/api/v1/auth/me', admin)).body.user.id;
      const created = async (url: string, body: unknown) => {
        const res = await server.request('POST', url, { token: admin, body });
        assert.equal(res.status, 201);
        return (await res.json()).id as string;
      };
      customerA = await created('/api/v1/customers', { name: 'Nordlys Energi' });
      const customerB = await created('/api/v1/customers', { name: 'Havbris AS' });
      member = await server.memberToken(customerA, 'responder', 'Mona Member');
      memberId = (await get('/api/v1/auth/me', member)).body.user.id;

      // One incident the ordinary way, with a role for the member: the role table follows the assignment.
      const reported = await created('/api/v1/incidents', { title: 'Template', customerId: customerA });
      const assigned = await server.request('PATCH', `/api/v1/incidents/${reported}`, {
        token: admin,
        body: { assignments: { scribe: memberId } },
      });
      assert.equal(assigned.status, 200);
      const template = (await (await server.request('GET', `/api/v1/incidents/${reported}`, { token: admin })).json()) as Item;
      for (const set of Object.values(expected)) set.add(template.id);

      const database = server.deps.database;
      const row = await database.db.selectFrom('incidents').select('state').where('id', '=', reported).executeTakeFirstOrThrow();
      const base = JSON.parse(row.state) as IncidentState;
      const start = Date.parse('2025-01-01T00:00:00.000Z');
      const rows: IncidentsTable[] = [];
      const access: IncidentAccessTable[] = [];
      const roles: IncidentRolesTable[] = [];
      for (let i = 0; i < BULK; i++) {
        const id = randomUUID();
        // Four incidents share each report time and about three each update time: the id must break the ties.
        const reportedAt = new Date(start + Math.floor(i / 4) * 60_000).toISOString();
        const updatedAt = new Date(start + ((i * 7919) % 3_300) * 60_000).toISOString();
        const severity = ([null, ...SEVERITIES] as const)[i % 5];
        const customerId = [customerA, customerB, null][i % 3];
        const red = i % 50 === 0;
        const mine = i % 13 === 0;
        const state: IncidentState = {
          ...base,
          id,
          key: `INC-2025-${String(i + 1).padStart(5, '0')}`,
          title: `Bulk incident ${i}`,
          status: INCIDENT_STATUSES[(i * 3) % INCIDENT_STATUSES.length],
          impact: null,
          severityOverride: severity ? { severity, reason: 'set for the test' } : null,
          tlp: red ? RED : 'TLP:AMBER',
          customerId,
          assignments: mine ? { scribe: memberId } : {},
          times: { ...base.times, reportedAt },
          createdAt: reportedAt,
          updatedAt,
        };
        rows.push(incidentRow(state, base.id));
        if (mine) roles.push({ incident_id: id, role: 'scribe', holder: memberId });
        const listed = (userId: string) =>
          access.push({
            incident_id: id,
            user_id: userId,
            user_name: 'x',
            reason: 'added',
            added_by_id: adminId,
            added_by_name: 'x',
            added_at: reportedAt,
          });
        // The admin is on every RED list (so sees all 10,001); the member on every other one.
        if (red) listed(adminId);
        if (red && i % 100 === 0) listed(memberId);
        expected.admin.add(id);
        const memberSees = customerId !== customerB && (!red || i % 100 === 0);
        if (memberSees) expected.member.add(id);
        if (memberSees && mine) expected.mine.add(id);
      }
      await withTransaction(database, async (tx) => {
        for (let i = 0; i < rows.length; i += 400)
          await tx
            .insertInto('incidents')
            .values(rows.slice(i, i + 400))
            .execute();
        for (let i = 0; i < access.length; i += 400)
          await tx
            .insertInto('incident_access')
            .values(access.slice(i, i + 400))
            .execute();
        for (let i = 0; i < roles.length; i += 400)
          await tx
            .insertInto('incident_roles')
            .values(roles.slice(i, i + 400))
            .execute();
      });
      // As autovacuum would after a load this size.
      if (dialect === 'postgres') await sql`analyze`.execute(database.db);
    });
    after(() => server.close());

    it('walks every page newest first with no incident twice and none left out, at a steady speed', async (t) => {
      const { items, times, first } = await walk(admin, 'sort=reported', 50);
      assertSameSet(items, expected.admin, 'admin, newest first');
      assertOrdered(items, 'reported', 'desc');
      assert.equal(first.prevCursor, null, 'the first page has nothing before it');
      assert.equal(first.total, LIST_COUNT_CAP, `the count stops at ${LIST_COUNT_CAP}`);
      assert.equal(first.totalExact, false, 'and says there are more');
      const p50 = median(times);
      const deep = median(times.slice(-20));
      t.diagnostic(`${dialect}: ${times.length} pages of 50, p50 ${p50.toFixed(1)} ms, p50 of the last 20 ${deep.toFixed(1)} ms`);
      // Keyset paging reads as much for page 200 as for page 1 (an OFFSET would read 10,000 rows by then).
      assert.ok(deep < Math.max(3 * p50, p50 + 30), `deep pages ${deep.toFixed(1)} ms vs ${p50.toFixed(1)} ms`);
      assert.ok(p50 < 500, `p50 ${p50.toFixed(1)} ms`);
    });

    for (const [sort, order] of [
      ['updated', 'desc'],
      ['severity', 'desc'],
      ['status', 'asc'],
      ['reported', 'asc'],
      ['severity', 'asc'],
    ] as [IncidentSort, SortOrder][]) {
      it(`walks every page sorted by ${sort} ${order}, ties broken by id`, async () => {
        const query = order === DEFAULT_SORT_ORDER[sort] ? `sort=${sort}` : `sort=${sort}&order=${order}`;
        const { items } = await walk(admin, query, 200);
        assertSameSet(items, expected.admin, `${sort} ${order}`);
        assertOrdered(items, sort, order);
      });
    }

    it('walks back from the last page to the first with the previous-page cursor', async () => {
      const forward: Page[] = [];
      for (let cursor: string | null = null; ; ) {
        const page: Page = (await get(`/api/v1/incidents?sort=severity&limit=200${cursor ? `&cursor=${cursor}` : ''}`, admin))
          .body;
        forward.push(page);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      let page = forward.at(-1) as Page;
      for (let i = forward.length - 2; i >= 0; i--) {
        assert.ok(page.prevCursor, `page ${i + 2} has a previous page`);
        page = (await get(`/api/v1/incidents?sort=severity&limit=200&cursor=${page.prevCursor}`, admin)).body;
        assert.deepEqual(
          page.items.map((x) => x.id),
          forward[i].items.map((x) => x.id),
          `page ${i + 1} read backwards is page ${i + 1} read forwards`,
        );
      }
      assert.equal(page.prevCursor, null, 'back at the first page');
    });

    it('shows a member only their customer’s incidents, those of no customer, and TLP:RED ones they are listed on', async () => {
      const { items, first } = await walk(member, 'sort=severity', 200);
      assertSameSet(items, expected.member, 'member');
      assertOrdered(items, 'severity', 'desc');
      assert.ok(items.every((i) => i.tlp !== RED || expected.member.has(i.id)));
      assert.equal(first.total, Math.min(expected.member.size, LIST_COUNT_CAP));
      assert.equal(first.totalExact, expected.member.size <= LIST_COUNT_CAP);
    });

    it('lists only the incidents where I hold a role with mine=true, in any order', async () => {
      const { items, first } = await walk(member, 'mine=true&sort=updated&order=asc', 100);
      assertSameSet(items, expected.mine, 'mine');
      assertOrdered(items, 'updated', 'asc');
      assert.equal(first.total, expected.mine.size);
      assert.equal(first.totalExact, true);
      const nothing = await get('/api/v1/incidents?mine=true', admin);
      assert.equal(nothing.body.items.length, 0, 'the admin holds no role');
      const filtered = await walk(member, `mine=true&customerId=${customerA}&status=reported`, 50);
      const want = new Set(items.filter((i) => i.customerId === customerA && i.status === 'reported').map((i) => i.id));
      assertSameSet(filtered.items, want, 'mine, filtered');
    });

    it('answers 400 naming the field for an unknown sort or order, and for a cursor of another order', async () => {
      const sort = await get('/api/v1/incidents?sort=priority', admin);
      assert.equal(sort.status, 400);
      assert.equal(sort.body.error.field, 'sort');
      assert.match(sort.body.error.message, /reported, updated, severity, status/);
      const order = await get('/api/v1/incidents?sort=status&order=up', admin);
      assert.equal(order.status, 400);
      assert.equal(order.body.error.field, 'order');
      const bySeverity = await get('/api/v1/incidents?sort=severity&limit=5', admin);
      const mixed = await get(`/api/v1/incidents?sort=reported&cursor=${bySeverity.body.nextCursor}`, admin);
      assert.equal(mixed.status, 400);
      assert.equal(mixed.body.error.field, 'cursor');
      assert.match(mixed.body.error.message, /severity desc/);
      const mine = await get('/api/v1/incidents?mine=perhaps', admin);
      assert.equal(mine.status, 400);
      assert.equal(mine.body.error.field, 'mine');
    });
  });
}
