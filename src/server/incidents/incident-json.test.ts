import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { resolveApiToken } from '../auth/credentials.ts';
import type { Actor } from '../auth/policy.ts';
import { withTransaction } from '../core/db/transaction.ts';
import { appendEvents, toStoredEvents } from '../core/events/event-store.ts';
import { readStream } from '../core/events/events.queries.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { findIncident } from './incidents.queries.ts';
import * as S from './incidents.schemas.ts';
import { presentIncident, timelineEventView } from './incidents.views.ts';
import { type ListIncidentsRequest, listIncidentPage } from './list-incidents.ts';

// The list and the timeline answer with stored JSON spliced into text (incident-json.ts). These compare every answer
// with the one the former path gives for the same data: each state parsed, presented and written by the schema's
// serialiser. The two must be the same text.

for (const dialect of await testDialects()) {
  describe(`lists and timelines spliced from stored JSON, on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let member: string;
    let responder: string;
    let customerId: string;
    let timelineId: string;
    let old: FastifyInstance;
    let oldAnswer: unknown;

    const call = async (url: string, token = admin) => {
      const res = await server.request('GET', url, { token });
      const text = await res.text();
      assert.equal(res.status, 200, text);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      return text;
    };
    const send = async (method: string, url: string, body?: unknown, token = admin) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      assert.ok(res.status < 300, `${method} ${url}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    const actorOf = async (token: string) => (await resolveApiToken(server.deps, token)) as Actor;

    /** The former list route: listIncidentPage, presentIncident on each state, the schema's serialiser. */
    async function formerList(token: string, request: ListIncidentsRequest): Promise<string> {
      const actor = await actorOf(token);
      const page = await listIncidentPage(server.deps, actor, request);
      oldAnswer = { ...page, items: await Promise.all(page.items.map((state) => presentIncident(server.deps, state, actor))) };
      return (await old.inject('/list')).body;
    }

    /** The former timeline route: the events parsed (toStoredEvents) and shown by timelineEventView. */
    async function formerTimeline(id: string, afterSeq = 0, limit = 10_000): Promise<string> {
      const rows = await readStream(server.deps.database.db, id, afterSeq, limit);
      oldAnswer = { events: toStoredEvents(rows).map(timelineEventView) };
      return (await old.inject('/timeline')).body;
    }

    async function assertListAsBefore(query: string, request: ListIncidentsRequest, token = admin) {
      const now = await call(`/api/v1/incidents?${query}`, token);
      const before = await formerList(token, request);
      assert.deepEqual(JSON.parse(now), JSON.parse(before), query);
      assert.equal(now, before, `${query}: the same text`);
      return JSON.parse(now) as { items: { id: string }[]; nextCursor: string | null; prevCursor: string | null };
    }

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin', 'Ada Admin');
      old = Fastify();
      old.get('/list', { schema: { response: { 200: S.IncidentPage } } }, async () => oldAnswer);
      old.get(
        '/timeline',
        { schema: { response: { 200: Type.Object({ events: Type.Array(S.TimelineEvent) }) } } },
        async () => oldAnswer,
      );
      await old.ready();

      const adminId = (await actorOf(admin)).id;

      // A spread of incidents: customers or none, TLP:RED, impacts and overrides, and every stage up to review.
      const report = (fields: Record<string, unknown>) => send('POST', '/api/v1/incidents', fields);
      for (let i = 0; i < 12; i++) {
        await report({
          title: `Phishing wave ${i} – «quoted» \\ "text" \u2028 ✓`,
          description: i % 2 ? 'Links to https://evil.example/login?x=1' : '',
          tlp: i % 4 === 0 ? 'TLP:RED' : 'TLP:AMBER',
          impact: i % 5 === 0 ? { confidentiality: 'high', integrity: 'medium', availability: 'low' } : undefined,
          category: i % 5 === 0 ? 'fraud/phishing' : undefined,
          serviceIds: [],
          exercise: i === 7,
        });
      }
      // One through assessment, response and recovery into review.
      const walked = await report({
        title: 'Ransomware on the file server',
        impact: { confidentiality: 'high', integrity: 'high', availability: 'high' },
        category: 'malicious-code/infected-system',
      });
      timelineId = walked.id;
      const id = walked.id;
      await send('POST', `/api/v1/incidents/${id}/transitions`, { to: 'assessing', reason: 'Confirmed by the SOC' });
      await send('PATCH', `/api/v1/incidents/${id}`, {
        assignments: { 'incident-manager': adminId },
        severityOverride: { severity: 'high', reason: 'Contained to one host' },
      });
      await send('POST', `/api/v1/incidents/${id}/determinations`, { name: 'major', reason: 'Many users' });
      for (let n = 0; n < 30; n++)
        await send('POST', `/api/v1/incidents/${id}/notes`, { body: `Note ${n}: see https://hooks.example/T0/B0/secret${n}` });
      await send('POST', `/api/v1/incidents/${id}/transitions`, { to: 'responding', reason: 'Go' });
      await send('POST', `/api/v1/incidents/${id}/milestones`, { milestone: 'contained' });
      await send('POST', `/api/v1/incidents/${id}/transitions`, { to: 'recovering' });
      await send('POST', `/api/v1/incidents/${id}/milestones`, { milestone: 'resolved' });
      await send('POST', `/api/v1/incidents/${id}/transitions`, { to: 'reviewing' });
      // Events whose views mask channel URLs, as deliveries record them.
      const record = (await findIncident(server.deps.database.db, dialect, id))!;
      await withTransaction(server.deps.database, (tx) =>
        appendEvents(
          tx,
          dialect,
          id,
          { seq: record.state.version, hash: record.headHash },
          [
            {
              type: 'notification.attempted',
              data: { channel: 'https://hooks.slack.com/services/T0/B0/XYZ', reason: 'failed at https://x.example/a?b=c' },
            },
            {
              type: 'obligation.submitted',
              data: {
                obligationId: 'o',
                stageId: 's',
                at: '2026-01-01T00:00:00.000Z',
                reference: 'r',
                via: 'notification',
                note: 'to https://a.example/b',
              },
            },
            {
              type: 'obligation.submitted',
              data: {
                obligationId: 'o',
                stageId: 't',
                at: '2026-01-01T00:00:00.000Z',
                reference: 'r',
                via: 'manual',
                note: 'to https://a.example/b',
              },
            },
          ] as never,
          { id: 'system', name: 'Muster', role: 'admin' } as never,
          new Date(),
          { streamType: 'incident', customerId: null },
        ),
      );
      // An incident stored before some fields existed, with an effects assessment (never shown in lists).
      const legacy = await report({ title: 'Stored long ago' });
      const { state, headHash } = (await findIncident(server.deps.database.db, dialect, legacy.id))!;
      const { submissions, waivers, steps, communicationLevel, ...rest } = state;
      const { confirmedAt, ...times } = rest.times;
      const stored = { ...rest, times, effects: { answers: { q1: 'secret free text' } } };
      await server.deps.database.db
        .updateTable('incidents')
        .set({ state: JSON.stringify(stored), head_hash: `${headHash}` })
        .where('id', '=', legacy.id)
        .execute();
      // Once a customer exists, every new incident belongs to one.
      customerId = (await send('POST', '/api/v1/customers', { name: 'Nordlys Energi', code: 'NLE', timeZone: 'Europe/Oslo' })).id;
      member = await server.memberToken(customerId, 'viewer', 'Vera Viewer');
      responder = await server.memberToken(customerId, 'responder', 'Rolf Responder');
      for (let i = 0; i < 6; i++) {
        await report({
          title: `Outage ${i} at the customer`,
          customerId,
          tlp: i % 3 === 0 ? 'TLP:RED' : 'TLP:GREEN',
          impact: i % 2 ? { confidentiality: 'low', integrity: 'low', availability: 'high' } : undefined,
        });
      }
    });
    after(async () => {
      await old?.close();
      await server?.close();
    });

    it('answers every page of the list as the former path did, from the first request and from what it kept', async () => {
      for (const round of [1, 2]) {
        let cursor: string | null = null;
        let pages = 0;
        do {
          const query: string = `limit=4${cursor ? `&cursor=${cursor}` : ''}`;
          const page = await assertListAsBefore(query, { limit: 4, cursor: cursor ?? undefined });
          if (round === 2 && pages === 1 && page.prevCursor) {
            await assertListAsBefore(`limit=4&cursor=${page.prevCursor}`, { limit: 4, cursor: page.prevCursor });
          }
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor);
        assert.ok(pages >= 4);
      }
    });

    it('answers sorted, filtered and member lists as before, with what each reader may do', async () => {
      await assertListAsBefore('sort=severity&order=desc&limit=50', { sort: 'severity', order: 'desc', limit: 50 });
      await assertListAsBefore('sort=status&limit=50', { sort: 'status', limit: 50 });
      await assertListAsBefore('status=reviewing&status=reported', { status: ['reviewing', 'reported'], limit: 50 });
      const mine = await assertListAsBefore('limit=50', { limit: 50 }, member);
      assert.ok(mine.items.length > 0);
      // A responder of the customer changes its incidents, not those of no customer: one page, both answers.
      const theirs = await assertListAsBefore('limit=50', { limit: 50 }, responder);
      const changeable = (theirs.items as unknown as { customerId: string | null; allowed: { change: boolean } }[]).map((i) => [
        i.customerId,
        i.allowed.change,
      ]);
      assert.ok(changeable.some(([c, change]) => c === customerId && change));
      assert.ok(changeable.some(([c, change]) => c === null && !change));
      // The same incidents for two readers: what each may do is their own, although the presented rest was kept.
      const asAdmin = JSON.parse(await call(`/api/v1/incidents?customerId=${customerId}`));
      const asMember = JSON.parse(await call(`/api/v1/incidents?customerId=${customerId}`, member));
      assert.ok(asAdmin.items.every((i: { allowed: { change: boolean } }) => i.allowed.change));
      assert.ok(asMember.items.every((i: { allowed: { change: boolean } }) => !i.allowed.change));
    });

    it('shows a change at once, and a stored state without newer fields as before', async () => {
      await assertListAsBefore('limit=50', { limit: 50 });
      const [first] = JSON.parse(await call('/api/v1/incidents?limit=1')).items;
      await send('PATCH', `/api/v1/incidents/${first.id}`, { title: 'Renamed while listed' });
      const page = await assertListAsBefore('limit=50', { limit: 50 });
      assert.equal((page.items[0] as unknown as { title: string }).title, 'Renamed while listed');
      const legacy = JSON.parse(await call('/api/v1/incidents?q=Stored%20long%20ago')).items[0];
      assert.equal(legacy.effects, undefined);
      assert.deepEqual(legacy.steps, {});
      assert.equal(legacy.times.confirmedAt, null);
    });

    it('answers a timeline as before, URLs in channel fields masked, and its pages too', async () => {
      const now = await call(`/api/v1/incidents/${timelineId}/timeline`);
      const before = await formerTimeline(timelineId);
      assert.deepEqual(JSON.parse(now), JSON.parse(before));
      assert.equal(now, before, 'the same text');
      assert.ok(!now.includes('hooks.slack.com/services/T0/B0/XYZ'), 'a channel URL is masked');
      assert.ok(now.includes('secret29'), 'a note is as written');
      assert.equal(
        await call(`/api/v1/incidents/${timelineId}/timeline?after=5&limit=7`),
        await formerTimeline(timelineId, 5, 7),
      );
      assert.equal(await call(`/api/v1/incidents/${timelineId}/timeline?after=1000`), '{"events":[]}');
    });

    it('still reads only what the reader may see', async () => {
      const reader = await server.userToken('viewer', 'Outsider');
      const outsider = await server.request('GET', `/api/v1/incidents/${timelineId}/timeline`, { token: reader });
      assert.equal(outsider.status, 200);
      const red = JSON.parse(await call('/api/v1/incidents?limit=50')).items.find((i: { tlp: string }) => i.tlp === 'TLP:RED');
      const hidden = await server.request('GET', `/api/v1/incidents/${red.id}/timeline`, { token: reader });
      assert.equal(hidden.status, 404);
      await assertListAsBefore('limit=50', { limit: 50 }, reader);
    });
  });
}
