import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Impact, Severity } from '../../shared/incident-vocabulary.ts';
import type { IncidentMetrics, MetricGrouping } from '../../shared/metrics-types.ts';
import { deriveSeverity } from '../incidents/severity.ts';
import { incidentSpec, seedIncident, settableClock } from '../testing/metric-timelines.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// The metrics the API gives equal the metrics worked out here, independently and simply, from the raw events table:
// 1,000 generated incidents with their timelines in random orders, then random ranges, customers and groupings.

const INCIDENTS = Number(process.env.METRICS_PROPERTY_INCIDENTS ?? 1000);
const BASE = new Date('2025-07-01T00:00:00.000Z');
const CUSTOMERS = 3;

interface Raw {
  exercise: boolean;
  customerId: string | null;
  category: string | null;
  impact: Impact | null;
  override: Severity | null;
  status: string;
  reportedAt: string;
  occurredAt: string | null;
  detectedAt: string | null;
  dp1: string | null;
  dp2: string | null;
  firstReport: string | null;
  contained: string | null;
  resolved: string | null;
  messages: Set<string>;
  instructions: Map<string, { requested: string; answered: string | null }>;
  stages: Map<string, { submitted?: string; waived?: string; due?: string }>;
}

/** Each incident's figures, straight from its events, without the server's fold. */
function fromEvents(rows: { stream_id: string; type: string; occurred_at: string; data: string }[]): Map<string, Raw> {
  const out = new Map<string, Raw>();
  for (const row of rows) {
    const d = JSON.parse(row.data);
    if (row.type === 'incident.reported') {
      out.set(row.stream_id, {
        exercise: d.exercise,
        customerId: d.customerId ?? null,
        category: d.category,
        impact: d.impact,
        override: null,
        status: 'reported',
        reportedAt: d.reportedAt,
        occurredAt: d.occurredAt,
        detectedAt: d.detectedAt,
        dp1: null,
        dp2: null,
        firstReport: null,
        contained: null,
        resolved: null,
        messages: new Set(),
        instructions: new Map(),
        stages: new Map(),
      });
      continue;
    }
    const r = out.get(row.stream_id);
    if (!r) continue;
    const stage = () => {
      const ref = `${d.obligationId}/${d.stageId}`;
      if (!r.stages.has(ref)) r.stages.set(ref, {});
      return r.stages.get(ref)!;
    };
    switch (row.type) {
      case 'incident.updated':
        if ('category' in d.changes) r.category = d.changes.category;
        if ('impact' in d.changes) r.impact = d.changes.impact;
        if ('exercise' in d.changes) r.exercise = d.changes.exercise;
        if ('customerId' in d.changes) r.customerId = d.changes.customerId;
        if ('occurredAt' in d.changes) r.occurredAt = d.changes.occurredAt;
        if ('detectedAt' in d.changes) r.detectedAt = d.changes.detectedAt;
        break;
      case 'incident.severity_overridden':
        r.override = d.severity;
        break;
      case 'incident.transitioned':
        r.status = d.to;
        break;
      case 'decision.recorded':
        if (d.point === 'DP1' && !r.dp1) r.dp1 = row.occurred_at;
        if (d.point === 'DP2' && !r.dp2) r.dp2 = row.occurred_at;
        break;
      case 'milestone.recorded':
        if (d.milestone === 'contained') r.contained = d.at;
        if (d.milestone === 'resolved') r.resolved = d.at;
        break;
      case 'notification.requested':
        if (d.purpose === 'notify-customer' && d.kind === 'message') r.messages.add(d.notificationId);
        if (d.kind === 'instruction') r.instructions.set(d.notificationId, { requested: row.occurred_at, answered: null });
        break;
      case 'notification.attempted':
        if (d.outcome === 'accepted' && r.messages.has(d.notificationId)) r.firstReport ??= d.at;
        break;
      case 'notification.acknowledged':
        if (r.messages.has(d.notificationId)) r.firstReport ??= row.occurred_at;
        break;
      case 'instruction.answered': {
        const i = r.instructions.get(d.notificationId);
        if (i && !i.answered) i.answered = d.at;
        break;
      }
      case 'obligation.submitted':
        stage().submitted ??= d.at;
        break;
      case 'obligation.waived':
        stage().waived ??= d.at;
        break;
      case 'deadline.missed':
        stage().due = d.dueAt;
        break;
    }
  }
  return out;
}

const ms = (a: string | null, b: string | null) => (a && b ? new Date(b).getTime() - new Date(a).getTime() : null);

function stat(values: number[]) {
  const s = values.slice().sort((a, b) => a - b);
  const rank = (p: number) => (s.length ? s[Math.ceil(p * s.length) - 1] : null);
  return { n: s.length, medianMs: rank(0.5), p90Ms: rank(0.9) };
}

function expectedFigures(list: Raw[]) {
  const get = (f: (r: Raw) => number | null) => list.map(f).filter((v): v is number => v !== null);
  const answers = list.flatMap((r) => [...r.instructions.values()]);
  const outcomes = { met: 0, metLate: 0, missed: 0, waived: 0 };
  for (const r of list) {
    for (const s of r.stages.values()) {
      if (s.submitted) {
        if (s.due && new Date(s.submitted) > new Date(s.due)) outcomes.metLate++;
        else outcomes.met++;
      } else if (s.waived) outcomes.waived++;
      else if (s.due) outcomes.missed++;
    }
  }
  return {
    counts: {
      incidents: list.length,
      dismissed: list.filter((r) => r.status === 'dismissed').length,
      closed: list.filter((r) => r.status === 'closed').length,
      open: list.filter((r) => r.status !== 'closed' && r.status !== 'dismissed').length,
      instructionsRequested: answers.length,
      instructionsAnswered: answers.filter((a) => a.answered).length,
    },
    durations: {
      detect: stat(get((r) => ms(r.occurredAt, r.detectedAt))),
      dp1: stat(get((r) => ms(r.reportedAt, r.dp1))),
      classify: stat(get((r) => ms(r.reportedAt, r.dp2))),
      firstReport: stat(get((r) => ms(r.reportedAt, r.firstReport))),
      contain: stat(get((r) => ms(r.reportedAt, r.contained))),
      resolve: stat(get((r) => ms(r.reportedAt, r.resolved))),
      instructionAnswer: stat(answers.map((a) => ms(a.requested, a.answered)).filter((v): v is number => v !== null)),
    },
    obligations: outcomes,
  };
}

function keyOf(r: Raw, groupBy: MetricGrouping): string | null {
  if (groupBy === 'customer') return r.customerId;
  if (groupBy === 'category') return r.category;
  if (groupBy === 'severity') return r.override ?? deriveSeverity(r.impact);
  return r.reportedAt.slice(0, 7);
}

for (const dialect of await testDialects()) {
  describe(`response metrics against the raw timelines on ${dialect}`, () => {
    let server: TestServer;
    let token: string;
    const clock = settableClock(BASE);
    const customerIds: string[] = [];

    before(async () => {
      server = await startTestServer({ dialect, clock, worker: { autoStart: false } });
      token = await server.userToken('admin');
      for (let i = 0; i < CUSTOMERS; i++) {
        const res = await server.request('POST', '/api/v1/customers', { token, body: { name: `Customer ${i}` } });
        assert.equal(res.status, 201, await res.clone().text());
        customerIds.push(((await res.json()) as { id: string }).id);
      }
      const specs = fc.sample(incidentSpec(CUSTOMERS), { numRuns: INCIDENTS, seed: 20261203 });
      for (const spec of specs) await seedIncident(server.deps, clock, spec, BASE, customerIds);
    });
    after(() => server?.close());

    it(`gives the figures worked out from the events of ${INCIDENTS} generated incidents, in any range and grouping`, async () => {
      const rows = await sql<{ stream_id: string; type: string; occurred_at: string; data: string }>`
        select stream_id, type, occurred_at, data from events where stream_type = 'incident' order by stream_id, seq`.execute(
        server.deps.database.db,
      );
      const raw = [...fromEvents(rows.rows).values()];
      assert.equal(raw.length, INCIDENTS);
      const day = fc.integer({ min: -10, max: 290 }).map((d) => new Date(BASE.getTime() + d * 86_400_000).toISOString());
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('customer', 'category', 'severity', 'month') as fc.Arbitrary<MetricGrouping>,
          fc.option(day),
          fc.option(day),
          fc.option(fc.integer({ min: 0, max: CUSTOMERS - 1 })),
          async (groupBy, from, to, customer) => {
            if (from && to && from > to) [from, to] = [to, from];
            const query = new URLSearchParams({ groupBy });
            if (from) query.set('from', from);
            if (to) query.set('to', to);
            const customerId = customer === null ? null : customerIds[customer];
            if (customerId) query.set('customerId', customerId);
            const res = await server.request('GET', `/api/v1/metrics/incidents?${query}`, { token });
            assert.equal(res.status, 200, await res.clone().text());
            const got = (await res.json()) as IncidentMetrics;
            const chosen = raw.filter(
              (r) =>
                (!from || r.reportedAt >= from) && (!to || r.reportedAt < to) && (!customerId || r.customerId === customerId),
            );
            for (const [side, exercise] of [
              ['real', false],
              ['exercises', true],
            ] as const) {
              const list = chosen.filter((r) => r.exercise === exercise);
              const { stages: _s, ...overall } = got[side].overall;
              assert.deepEqual(overall, expectedFigures(list), `${side} overall`);
              const keys = [...new Set(list.map((r) => keyOf(r, groupBy)))];
              assert.equal(got[side].groups.length, keys.length, `${side} groups`);
              for (const key of keys) {
                const group = got[side].groups.find((g) => g.key === key);
                assert.ok(group, `${side} group ${key}`);
                const { key: _k, label: _l, stages: _st, ...figures } = group;
                assert.deepEqual(figures, expectedFigures(list.filter((r) => keyOf(r, groupBy) === key)), `${side} ${key}`);
              }
            }
          },
        ),
        { numRuns: 25 },
      );
    });
  });
}
