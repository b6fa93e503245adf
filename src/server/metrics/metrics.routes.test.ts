import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { IncidentMetrics, MetricGroup } from '../../shared/metrics-types.ts';
import { migrateDownTo, migrateToLatest } from '../core/db/migrations.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { METRICS_CSV_HEADER } from './metrics-csv.ts';

for (const dialect of await testDialects()) {
  describe(`GET /api/v1/metrics/incidents on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let customerA: string;
    let customerB: string;

    const call = async (token: string, method: string, url: string, body?: unknown) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      return {
        status: res.status,
        text,
        body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null,
      };
    };
    const metrics = async (token: string, query = '') => {
      const res = await call(token, 'GET', `/api/v1/metrics/incidents${query}`);
      assert.equal(res.status, 200, res.text);
      return res.body as IncidentMetrics;
    };
    const report = async (token: string, fields: Record<string, unknown>) => {
      const res = await call(token, 'POST', '/api/v1/incidents', { title: 'Suspicious logins', ...fields });
      assert.equal(res.status, 201, res.text);
      return res.body as { id: string };
    };
    const step = async (token: string, id: string, path: string, body: unknown) => {
      const res = await call(token, 'POST', `/api/v1/incidents/${id}/${path}`, body);
      assert.equal(res.status, 200, res.text);
    };

    before(async () => {
      server = await startTestServer({ dialect, worker: { autoStart: false } });
      admin = await server.userToken('admin');
      customerA = (await call(admin, 'POST', '/api/v1/customers', { name: 'Acme' })).body.id;
      customerB = (await call(admin, 'POST', '/api/v1/customers', { name: 'Borealis' })).body.id;
    });
    after(() => server?.close());

    it('names the field of a bad groupBy, from or to, and refuses from after to', async () => {
      const cases: [string, string][] = [
        ['?groupBy=weekday', 'groupBy'],
        ['?from=yesterday', 'from'],
        ['?from=2026-01-01', 'from'],
        ['?to=2026-13-45T00:00:00Z', 'to'],
        ['?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z', 'from'],
        ['?sort=fast', 'sort'],
      ];
      for (const [query, field] of cases) {
        for (const path of ['/api/v1/metrics/incidents', '/api/v1/metrics/incidents.csv']) {
          const res = await call(admin, 'GET', `${path}${query}`);
          assert.equal(res.status, 400, `${path}${query}: ${res.text}`);
          assert.equal(JSON.parse(res.text).error.field, field, `${path}${query}`);
        }
      }
      const offset = await call(admin, 'GET', '/api/v1/metrics/incidents?from=2026-01-01T02:00:00%2B02:00');
      assert.equal(offset.status, 200, offset.text);
      assert.equal(offset.body.from, '2026-01-01T00:00:00.000Z', 'an offset is read as the instant it names');
    });

    it('measures a real incident from its timeline and keeps exercises apart', async () => {
      const before = await metrics(admin, `?customerId=${customerB}`);
      assert.equal(before.real.overall.counts.incidents, 0);
      const real = await report(admin, { customerId: customerB, category: 'malicious-code/infected-system' });
      await step(admin, real.id, 'transitions', { to: 'assessing', reason: 'Confirmed' });
      const drill = await report(admin, { customerId: customerB, exercise: true });
      await step(admin, drill.id, 'transitions', { to: 'assessing', reason: 'Drill confirmed' });
      const dismissed = await report(admin, { customerId: customerB });
      await step(admin, dismissed.id, 'transitions', { to: 'dismissed', reason: 'A scanner we run' });
      const m = await metrics(admin, `?customerId=${customerB}&groupBy=category`);
      assert.equal(m.real.overall.counts.incidents, 2);
      assert.equal(m.real.overall.counts.dismissed, 1);
      assert.equal(m.real.overall.counts.open, 1);
      assert.equal(m.real.overall.durations.dp1.n, 2, 'a dismissal is a DP1 too');
      assert.ok((m.real.overall.durations.dp1.medianMs ?? -1) >= 0);
      assert.equal(m.real.overall.durations.classify.n, 0);
      assert.equal(m.exercises.overall.counts.incidents, 1, 'the exercise is counted with exercises');
      assert.equal(m.exercises.overall.durations.dp1.n, 1);
      assert.deepEqual(
        m.real.groups.map((g) => [g.key, g.label, g.counts.incidents]),
        [
          ['malicious-code/infected-system', 'malicious-code/infected-system', 1],
          [null, 'Uncategorised', 1],
        ],
      );
      const byCustomer = await metrics(admin, `?customerId=${customerB}&groupBy=customer`);
      assert.deepEqual(
        byCustomer.real.groups.map((g) => g.label),
        ['Borealis'],
      );
    });

    it('counts only the incidents the caller may read: their customers, and TLP:RED only when on its list', async () => {
      const reporter = await server.userToken('admin', 'Red reporter');
      const other = await server.userToken('admin', 'Not on the list');
      const member = await server.memberToken(customerA, 'viewer');
      const base = {
        reporter: (await metrics(reporter)).real.overall.counts.incidents,
        other: (await metrics(other)).real.overall.counts.incidents,
        member: (await metrics(member)).real.overall.counts.incidents,
      };
      await report(reporter, { customerId: customerA, tlp: 'TLP:RED' });
      await report(reporter, { customerId: customerA, tlp: 'TLP:AMBER' });
      await report(reporter, { customerId: customerB, tlp: 'TLP:AMBER' });
      assert.equal((await metrics(reporter)).real.overall.counts.incidents, base.reporter + 3);
      assert.equal((await metrics(other)).real.overall.counts.incidents, base.other + 2, 'the RED one is not counted');
      assert.equal((await metrics(member)).real.overall.counts.incidents, base.member + 1, "only Acme's, not the RED one");
      const elsewhere = await call(member, 'GET', `/api/v1/metrics/incidents?customerId=${customerB}`);
      assert.equal(elsewhere.status, 404, 'another customer is not found');
    });

    it('answers from the facts as they are now, after any change to them, however often it is asked', async () => {
      const { id } = await report(admin, { customerId: customerB, title: 'Kept answers' });
      const closedOf = async () => {
        const byCustomer = await metrics(admin, '?groupBy=customer');
        return byCustomer.real.groups.find((g) => g.key === customerB)?.counts.closed ?? 0;
      };
      const { db } = server.deps.database;
      const setStatus = (status: string) =>
        sql`update incident_metrics set status = ${status} where incident_id = ${id}`.execute(db);
      const stored = await sql<{ status: string }>`select status from incident_metrics where incident_id = ${id}`.execute(db);
      const before = await closedOf();
      assert.equal(await closedOf(), before, 'asked again, the same answer');
      await setStatus('closed');
      assert.equal(await closedOf(), before + 1, 'a change written straight into the table is seen at once');
      await setStatus(stored.rows[0].status);
      assert.equal(await closedOf(), before);
    });

    it('exports CSV with a header and one row per group', async () => {
      const res = await server.request('GET', '/api/v1/metrics/incidents.csv?groupBy=customer', { token: admin });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="incident-metrics-by-customer.csv"/);
      const lines = (await res.text()).trimEnd().split('\r\n');
      assert.equal(lines[0], METRICS_CSV_HEADER.join(','));
      const json = await metrics(admin, '?groupBy=customer');
      const groups: [string, MetricGroup][] = [
        ...json.real.groups.map((g): [string, MetricGroup] => ['real', g]),
        ...json.exercises.groups.map((g): [string, MetricGroup] => ['exercise', g]),
      ];
      assert.equal(lines.length - 1, groups.length);
      groups.forEach(([kind, g], i) => {
        const cells = lines[i + 1].split(',');
        assert.deepEqual(cells.slice(0, 5), [kind, 'customer', g.key ?? '', g.label, String(g.counts.incidents)]);
      });
    });

    it('fills the facts of incidents recorded before the migration from their timelines', async () => {
      const { db } = server.deps.database;
      const stored = await sql`select * from incident_metrics order by incident_id`.execute(db);
      assert.ok(stored.rows.length >= 6);
      await migrateDownTo(db, dialect, '0018_incident_metrics');
      await sql`drop table incident_metrics`.execute(db);
      await sql`delete from kysely_migration where name like '0018_%'`.execute(db);
      await migrateToLatest(db, dialect);
      const again = await sql`select * from incident_metrics order by incident_id`.execute(db);
      assert.deepEqual(again.rows, stored.rows);
    });
  });
}
