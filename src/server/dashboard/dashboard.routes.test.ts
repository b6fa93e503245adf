import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { DashboardSummary, SeverityStageCount } from '../../shared/dashboard-types.ts';
import type { IncidentStatus, Severity } from '../../shared/incident-vocabulary.ts';
import type { DeadlinesTable, IncidentAccessTable, IncidentsTable } from '../core/db/schema.ts';
import { withTransaction } from '../core/db/transaction.ts';
import type { IncidentState } from '../incidents/incident-state.ts';
import { incidentRow } from '../incidents/incidents.queries.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// Incidents and their clocks are written straight into the tables (as reporting and the obligations would leave them),
// so that each case sits exactly where the test needs it: at a stage, a severity, a due time.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const RED = 'TLP:RED';

interface Seed {
  severity: Severity | null;
  status: IncidentStatus;
  customerId: string | null;
  exercise?: boolean;
  red?: boolean;
  /** Who is on a RED incident's list. */
  listed?: string[];
}

let seeded = 0;

/** Rows for an incident like `base` at the seed's stage, severity, customer and marking. */
function incidentRows(base: IncidentState, seed: Seed, adminId: string) {
  const id = randomUUID();
  const at = new Date().toISOString();
  const state: IncidentState = {
    ...base,
    id,
    key: `INC-2026-${String(++seeded).padStart(6, '0')}`,
    title: `${seed.status} ${seed.severity ?? 'unassessed'}`,
    status: seed.status,
    impact: null,
    severityOverride: seed.severity ? { severity: seed.severity, reason: 'set for the test' } : null,
    tlp: seed.red ? RED : 'TLP:AMBER',
    exercise: seed.exercise ?? false,
    customerId: seed.customerId,
    assignments: {},
  };
  const access: IncidentAccessTable[] = (seed.listed ?? []).map((user_id) => ({
    incident_id: id,
    user_id,
    user_name: 'x',
    reason: 'need to know',
    added_by_id: adminId,
    added_by_name: 'x',
    added_at: at,
  }));
  return { state, row: incidentRow(state, base.id), access };
}

/** A clock of the incident, open (running) unless told, due `inMs` from now. */
function clockRow(state: IncidentState, stageId: string, inMs: number | null, status = 'running'): DeadlinesTable {
  const now = Date.now();
  return {
    incident_id: state.id,
    obligation_id: 'gdpr-art-33',
    stage_id: stageId,
    customer_id: state.customerId,
    incident_key: state.key,
    incident_title: state.title,
    obligation_name: 'GDPR Art. 33',
    stage_name: `Stage ${stageId}`,
    recipient: 'Supervisory authority',
    status,
    started_at: new Date(now - HOUR).toISOString(),
    due_at: inMs === null ? null : new Date(now + inMs).toISOString(),
    submitted_at: status.startsWith('met') ? new Date(now).toISOString() : null,
    missed_at: null,
    updated_at: new Date(now).toISOString(),
  };
}

async function insertRows(server: TestServer, rows: IncidentsTable[], access: IncidentAccessTable[], clocks: DeadlinesTable[]) {
  await withTransaction(server.deps.database, async (tx) => {
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
    for (let i = 0; i < clocks.length; i += 400)
      await tx
        .insertInto('deadlines')
        .values(clocks.slice(i, i + 400))
        .execute();
  });
}

/** The cells as "severity/stage" → count, for comparing whole grids at once. */
const grid = (cells: SeverityStageCount[]) =>
  Object.fromEntries(cells.map((c) => [`${c.severity ?? 'unassessed'}/${c.stage}`, c.count]));

for (const dialect of await testDialects()) {
  describe(`GET /api/v1/dashboard on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let member: string;
    let memberId: string;
    let template: IncidentState;
    let adminId: string;
    let customerA: string;
    let customerB: string;
    const names: Record<string, string> = {};

    const get = async (token?: string) => {
      const res = await server.request('GET', '/api/v1/dashboard', { token });
      return { status: res.status, body: (await res.json()) as DashboardSummary };
    };
    const me = async (token: string) =>
      (await (await server.request('GET', '/api/v1/auth/me', { token })).json()).user.id as string;
    const created = async (url: string, body: unknown) => {
      const res = await server.request('POST', url, { token: admin, body });
      assert.equal(res.status, 201);
      return (await res.json()).id as string;
    };

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin', 'Ada Admin');
      adminId = await me(admin);
      customerA = await created('/api/v1/customers', { name: 'Nordlys Energi' });
      customerB = await created('/api/v1/customers', { name: 'Havbris AS' });
      member = await server.memberToken(customerA, 'responder', 'Mona Member');
      memberId = await me(member);
      // The template is an incident of its own (reported, not assessed, customer A): the counts include it.
      const reported = await created('/api/v1/incidents', { title: 'Template', customerId: customerA });
      const row = await server.deps.database.db
        .selectFrom('incidents')
        .select('state')
        .where('id', '=', reported)
        .executeTakeFirstOrThrow();
      template = JSON.parse(row.state) as IncidentState;

      const rows: IncidentsTable[] = [];
      const access: IncidentAccessTable[] = [];
      const clocks: DeadlinesTable[] = [];
      const add = (name: string, seed: Seed) => {
        const made = incidentRows(template, seed, adminId);
        rows.push(made.row);
        access.push(...made.access);
        names[name] = made.state.id;
        return made.state;
      };
      const a = { customerId: customerA };
      const worked = add('worked', { ...a, severity: 'high', status: 'responding' });
      add('worked2', { ...a, severity: 'high', status: 'responding' });
      add('assessing', { ...a, severity: 'high', status: 'assessing' });
      add('recovering', { ...a, severity: 'critical', status: 'recovering' });
      add('ours', { customerId: null, severity: 'medium', status: 'reviewing' });
      const closed = add('closed', { ...a, severity: 'high', status: 'closed' });
      add('dismissed', { ...a, severity: 'low', status: 'dismissed' });
      const drill = add('drill', { ...a, severity: 'medium', status: 'responding', exercise: true });
      add('drill2', { ...a, severity: 'medium', status: 'responding', exercise: true });
      add('drillClosed', { ...a, severity: 'medium', status: 'closed', exercise: true });
      const secret = add('secret', { ...a, severity: 'critical', status: 'responding', red: true, listed: [adminId] });
      add('secretListed', { ...a, severity: 'low', status: 'assessing', red: true, listed: [memberId] });
      const other = add('other', { customerId: customerB, severity: 'low', status: 'reported' });

      clocks.push(
        clockRow(worked, 'in-23h', 23 * HOUR),
        clockRow(worked, 'in-25h', 25 * HOUR),
        clockRow(worked, 'past', -20 * MINUTE, 'overdue'),
        clockRow(worked, 'met', 1 * HOUR, 'met'),
        clockRow(worked, 'met-late', -1 * HOUR, 'met-late'),
        clockRow(worked, 'waived', 1 * HOUR, 'waived'),
        clockRow(worked, 'waiting', null, 'waiting'),
        clockRow(closed, 'closed-met', 2 * HOUR, 'met'),
        clockRow(secret, 'red', 2 * HOUR),
        clockRow(other, 'other-customer', 3 * HOUR),
        clockRow(drill, 'drill', 4 * HOUR),
      );
      await insertRows(server, rows, access, clocks);
    });
    after(() => server.close());

    it('counts open incidents by severity and stage, leaving out closed and dismissed ones and keeping exercises apart', async () => {
      const { status, body } = await get(member);
      assert.equal(status, 200, JSON.stringify(body));
      assert.deepEqual(grid(body.real.open.cells), {
        'critical/recovering': 1,
        'high/assessing': 1,
        'high/responding': 2,
        'low/assessing': 1, // RED, and the member is on its list
        'medium/reviewing': 1, // of no customer: everyone's
        'unassessed/reported': 1, // the template
      });
      assert.equal(body.real.open.total, 7);
      assert.deepEqual(grid(body.exercise.open.cells), { 'medium/responding': 2 });
      assert.equal(body.exercise.open.total, 2);
    });

    it('leaves out a TLP:RED incident the caller is not on, and another customer’s incident, with their clocks', async () => {
      const { body } = await get(member);
      const cells = grid(body.real.open.cells);
      assert.equal(cells['critical/responding'], undefined, 'the RED incident the member is not on');
      assert.equal(cells['low/reported'], undefined, 'customer B’s incident');
      const shown = body.real.clocks.items.map((c) => c.incidentId);
      assert.ok(!shown.includes(names.secret), 'no clock of the RED incident');
      assert.ok(!shown.includes(names.other), 'no clock of the other customer’s incident');

      // The admin sees customer B, but is not on the member's RED list (and is on the other's).
      const seen = (await get(admin)).body;
      const adminCells = grid(seen.real.open.cells);
      assert.equal(adminCells['low/reported'], 1);
      assert.equal(adminCells['critical/responding'], 1);
      assert.equal(adminCells['low/assessing'], undefined, 'need-to-know binds admins too');
      assert.deepEqual(
        seen.real.clocks.items.map((c) => c.stageId),
        ['past', 'red', 'other-customer', 'in-23h'],
      );
    });

    it('lists the open clocks due within 24 hours or past due, soonest first, and not met, waived or later ones', async () => {
      const { body } = await get(member);
      const { clocks } = body.real;
      assert.deepEqual(
        clocks.items.map((c) => c.stageId),
        ['past', 'in-23h'],
      );
      assert.equal(clocks.total, 2);
      assert.equal(clocks.overdue, 1);
      const [past, soon] = clocks.items;
      assert.equal(past.overdue, true);
      assert.equal(soon.overdue, false);
      assert.equal(soon.incidentId, names.worked);
      assert.match(soon.incidentKey, /^INC-2026-/);
      assert.equal(soon.incidentTitle, 'responding high');
      assert.equal(soon.incidentStage, 'responding');
      assert.equal(soon.obligationName, 'GDPR Art. 33');
      assert.equal(soon.stageName, 'Stage in-23h');
      assert.ok(Date.parse(soon.dueAt) - Date.parse(body.now) > 22 * HOUR);
      assert.equal(body.windowHours, 24);
      assert.deepEqual(
        body.exercise.clocks.items.map((c) => [c.incidentId, c.stageId]),
        [[names.drill, 'drill']],
        'an exercise’s clock is counted with the exercises only',
      );
      assert.equal(body.exercise.clocks.total, 1);
    });

    it('sees only incidents of no customer when the caller belongs to none', async () => {
      const loner = await server.userToken('viewer', 'Lone Viewer');
      const { body } = await get(loner);
      assert.deepEqual(grid(body.real.open.cells), { 'medium/reviewing': 1 });
      assert.equal(body.real.clocks.total, 0);
      assert.deepEqual(body.real.clocks.items, []);
      assert.equal(body.exercise.open.total, 0);
    });

    it('answers 401 without a session or token', async () => {
      const res = await server.request('GET', '/api/v1/dashboard');
      assert.equal(res.status, 401);
    });
  });

  describe(`GET /api/v1/dashboard with 10,000 incidents on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let member: string;
    const expected = { admin: 0, member: 0, adminClocks: 0, memberClocks: 0 };

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin', 'Ada Admin');
      const adminId = (await (await server.request('GET', '/api/v1/auth/me', { token: admin })).json()).user.id;
      const customer = async (name: string) =>
        (await (await server.request('POST', '/api/v1/customers', { token: admin, body: { name } })).json()).id as string;
      const customerA = await customer('Nordlys Energi');
      const customerB = await customer('Havbris AS');
      member = await server.memberToken(customerA, 'viewer', 'Vera Viewer');
      const reported = (
        await (
          await server.request('POST', '/api/v1/incidents', { token: admin, body: { title: 'T', customerId: customerA } })
        ).json()
      ).id as string;
      const row = await server.deps.database.db
        .selectFrom('incidents')
        .select('state')
        .where('id', '=', reported)
        .executeTakeFirstOrThrow();
      const base = JSON.parse(row.state) as IncidentState;
      expected.admin = expected.member = 1;
      const rows: IncidentsTable[] = [];
      const access: IncidentAccessTable[] = [];
      const clocks: DeadlinesTable[] = [];
      const statuses: IncidentStatus[] = [
        'reported',
        'assessing',
        'responding',
        'recovering',
        'reviewing',
        'closed',
        'dismissed',
      ];
      for (let i = 0; i < 10_000; i++) {
        const customerId = [customerA, customerB, null][i % 3];
        const status = statuses[i % statuses.length];
        const red = i % 50 === 0;
        const made = incidentRows(
          base,
          {
            customerId,
            status,
            severity: (['low', 'medium', 'high', 'critical', null] as const)[i % 5],
            red,
            listed: red ? [adminId] : [],
          },
          adminId,
        );
        rows.push(made.row);
        access.push(...made.access);
        const open = status !== 'closed' && status !== 'dismissed';
        const memberSees = customerId !== customerB && !red;
        if (open) expected.admin += 1;
        if (open && memberSees) expected.member += 1;
        // Most clocks are met long ago or far ahead; one in twenty is at risk.
        if (i % 4 === 0) {
          const atRisk = i % 20 === 0;
          clocks.push(
            clockRow(
              made.state,
              'notification',
              atRisk ? (i % 40) * HOUR - 12 * HOUR : 30 * 24 * HOUR,
              atRisk || i % 8 ? 'running' : 'met',
            ),
          );
          if (atRisk) expected.adminClocks += 1;
          if (atRisk && memberSees) expected.memberClocks += 1;
        }
      }
      await insertRows(server, rows, access, clocks);
      if (dialect === 'postgres') await sql`analyze`.execute(server.deps.database.db);
    });
    after(() => server.close());

    for (const who of ['admin', 'member'] as const) {
      it(`sums them right and answers quickly for ${who === 'admin' ? 'an admin' : 'a customer’s viewer'}`, async (t) => {
        const token = who === 'admin' ? admin : member;
        const times: number[] = [];
        let body: DashboardSummary | undefined;
        for (let i = 0; i < 21; i++) {
          const started = performance.now();
          const res = await server.request('GET', '/api/v1/dashboard', { token });
          body = (await res.json()) as DashboardSummary;
          times.push(performance.now() - started);
          assert.equal(res.status, 200);
        }
        const summary = body as DashboardSummary;
        assert.equal(summary.real.open.total, expected[who]);
        assert.equal(summary.real.clocks.total, expected[who === 'admin' ? 'adminClocks' : 'memberClocks']);
        assert.equal(summary.real.clocks.items.length, 20);
        const p50 = [...times].sort((a, b) => a - b)[10];
        // The floor on the same server: an authenticated request that reads one row.
        const floor: number[] = [];
        for (let i = 0; i < 21; i++) {
          const started = performance.now();
          await (await server.request('GET', '/api/v1/auth/me', { token })).arrayBuffer();
          floor.push(performance.now() - started);
        }
        const floorP50 = [...floor].sort((a, b) => a - b)[10];
        t.diagnostic(
          `${dialect}, ${who}: p50 ${p50.toFixed(1)} ms over 21 requests; GET /auth/me ${floorP50.toFixed(1)} ms (${(p50 / floorP50).toFixed(1)}×)`,
        );
        assert.ok(p50 < 250, `p50 ${p50.toFixed(1)} ms`);
      });
    }
  });
}
