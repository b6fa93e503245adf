import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AlertSilence } from '../../shared/triage-types.ts';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import { withTransaction } from '../core/db/transaction.ts';
import { storeEvidence } from '../evidence/store-evidence.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { addToTriageReport, feedTriage } from './feed-triage.ts';

for (const dialect of await testDialects()) {
  describe(`the triage queue on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let acme: { id: string };
    let bravo: { id: string };
    let source: string;
    const call = async (method: string, url: string, body?: unknown, token = admin) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const timeline = async (id: string) => {
      const body = (await call('GET', `/api/v1/incidents/${id}/timeline`)).body;
      return (body.items ?? body.events ?? body) as { type: string; data: Record<string, unknown> }[];
    };
    /** A report from someone nobody vouched for, with one attachment, as e-mail intake files it. */
    const report = (title: string) =>
      withTransaction(server.deps.database, async (tx) => {
        const { id } = await feedTriage(tx, {
          source: 'email',
          dialect,
          now: new Date(),
          by: SYSTEM_ACTOR,
          customerId: null,
          title,
          description: 'Strange invoice mail',
          reporter: { email: 'x@example.net', anonymous: false },
        });
        await addToTriageReport(tx, {
          dialect,
          itemId: id,
          author: { anonymous: true },
          body: 'It came twice.',
          by: SYSTEM_ACTOR,
          now: new Date(),
        });
        await storeEvidence(tx, server.deps, {
          triageItemId: id,
          customerId: null,
          name: 'invoice.html',
          contentType: 'text/html',
          bytes: new TextEncoder().encode('<p>pay now</p>'),
          source: 'e-mail from x@example.net',
          collectedBy: 'E-mail intake',
          collectedAt: new Date(),
        });
        return id;
      });

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin');
      acme = (await call('POST', '/api/v1/customers', { name: 'Acme', code: 'ACM', timeZone: 'UTC' })).body;
      bravo = (await call('POST', '/api/v1/customers', { name: 'Bravo', code: 'BRV', timeZone: 'UTC' })).body;
      source = (await call('POST', '/api/v1/alert-sources', { name: 'prom', customerId: acme.id })).body.token;
    });
    after(() => server.close());

    it('opens a report as an incident of the chosen customer, with its text, later messages and evidence on the timeline', async () => {
      const id = await report('Invoice phishing');
      const opened = await call('POST', `/api/v1/triage/${id}/open`, { customerId: acme.id });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const incident = (await call('GET', `/api/v1/incidents/${opened.body.incident.id}`)).body;
      assert.equal(incident.source, 'email');
      assert.equal(incident.customerId, acme.id);
      assert.match(incident.description, /Strange invoice mail[\s\S]*It came twice\./);
      const events = await timeline(incident.id);
      const added = events.find((e) => e.type === 'evidence.added');
      assert.equal(added?.data.name, 'invoice.html');
      const evidence = (await call('GET', `/api/v1/incidents/${incident.id}/evidence`)).body.evidence;
      assert.equal(evidence.length, 1);
      const detail = (await call('GET', `/api/v1/triage/${id}`)).body;
      assert.equal(detail.item.incidentKey, incident.key);
      assert.equal(detail.evidence.length, 1, 'the item still lists what came with it');
    });

    it('attaches a report to an incident, its evidence recorded there; never across customers', async () => {
      const incident = (await call('POST', '/api/v1/incidents', { title: 'Phishing wave', customerId: acme.id })).body;
      const alerts = await call(
        'POST',
        '/api/v1/alerts',
        { title: 'Login storm', labels: { alertname: 'LoginStorm' }, status: 'firing' },
        source,
      );
      const group = alerts.body.alerts[0].groupId;
      const other = (await call('POST', '/api/v1/incidents', { title: 'Bravo outage', customerId: bravo.id })).body;
      const crossing = await call('POST', `/api/v1/triage/${group}/attach`, { incident: other.key });
      assert.equal(crossing.status, 409);
      assert.match(crossing.body.error.message, /another customer/);

      const id = await report('Second invoice');
      const attached = await call('POST', `/api/v1/triage/${id}/attach`, { incident: incident.key });
      assert.equal(attached.status, 200, JSON.stringify(attached.body));
      assert.equal(attached.body.item.incidentId, incident.id);
      const types = (await timeline(incident.id)).map((e) => e.type);
      assert.ok(types.includes('triage.attached'));
      assert.ok(types.includes('evidence.added'));
      const missing = await call('POST', `/api/v1/triage/${group}/attach`, { incident: 'INC-1999-0001' });
      assert.equal(missing.status, 404);
      const falsePositive = (await call('POST', '/api/v1/incidents', { title: 'Nothing', customerId: acme.id })).body;
      const dismissed = await call('POST', `/api/v1/incidents/${falsePositive.id}/transitions`, {
        to: 'dismissed',
        reason: 'Test',
      });
      assert.equal(dismissed.status, 200, JSON.stringify(dismissed.body));
      const late = await call('POST', `/api/v1/triage/${group}/attach`, { incident: falsePositive.key });
      assert.equal(late.status, 409);
      assert.match(late.body.error.message, /dismissed; reopen it first/);
    });

    it('shows a member only the items of their customers', async () => {
      const viewer = await server.memberToken(bravo.id, 'viewer');
      const group = (
        await call('POST', '/api/v1/alerts', { title: 'Disk', labels: { alertname: 'Disk' }, status: 'firing' }, source)
      ).body.alerts[0].groupId;
      assert.equal((await call('GET', `/api/v1/triage/${group}`, undefined, viewer)).status, 404);
      const seen = (await call('GET', '/api/v1/triage', undefined, viewer)).body.items;
      assert.ok(!seen.some((item: { customerId: string | null }) => item.customerId === acme.id));
      assert.equal((await call('POST', `/api/v1/triage/${group}/dismiss`, { reason: 'x' }, viewer)).status, 404);
    });

    it("answers 404, never 403, for a missing item and for another customer's, on every decision", async () => {
      const viewer = await server.memberToken(bravo.id, 'viewer');
      const theirs = (
        await call('POST', '/api/v1/alerts', { title: 'Fan', labels: { alertname: 'Fan' }, status: 'firing' }, source)
      ).body.alerts[0].groupId;
      const incident = (await call('POST', '/api/v1/incidents', { title: 'Bravo fan', customerId: bravo.id })).body;
      const decisions: [string, unknown][] = [
        ['open', {}],
        ['attach', { incident: incident.id }],
        ['dismiss', { reason: 'noise' }],
      ];
      for (const id of ['no-such-item', theirs]) {
        assert.equal((await call('GET', `/api/v1/triage/${id}`, undefined, viewer)).status, 404);
        for (const [decision, body] of decisions) {
          const res = await call('POST', `/api/v1/triage/${id}/${decision}`, body, viewer);
          assert.equal(res.status, 404, `${decision} ${id}: ${JSON.stringify(res.body)}`);
        }
      }
    });

    it('a dismissed item can still be opened; dismissing twice is refused', async () => {
      const group = (
        await call('POST', '/api/v1/alerts', { title: 'Odd', labels: { alertname: 'Odd' }, status: 'firing' }, source)
      ).body.alerts[0].groupId;
      assert.equal((await call('POST', `/api/v1/triage/${group}/dismiss`, { reason: 'Test alert' })).status, 200);
      assert.equal((await call('POST', `/api/v1/triage/${group}/dismiss`, { reason: 'Again' })).status, 409);
      const opened = await call('POST', `/api/v1/triage/${group}/open`, {});
      assert.equal(opened.status, 201, 'second thoughts: it was an incident after all');
    });

    it('silencing a fingerprint that is silenced already lengthens its one silence', async () => {
      const fingerprint = (
        await call('POST', '/api/v1/alerts', { title: 'Noisy', labels: { alertname: 'Noisy' }, status: 'firing' }, source)
      ).body.alerts[0].fingerprint;
      const first = await call('POST', '/api/v1/alert-silences', {
        customerId: acme.id,
        fingerprint,
        minutes: 10,
        reason: 'Noisy',
      });
      assert.equal(first.status, 201);
      const longer = await call('POST', '/api/v1/alert-silences', {
        customerId: acme.id,
        fingerprint,
        minutes: 120,
        reason: 'Still noisy',
      });
      assert.equal(longer.body.silence.id, first.body.silence.id);
      assert.ok(longer.body.silence.expiresAt > first.body.silence.expiresAt);
      const shorter = await call('POST', '/api/v1/alert-silences', { customerId: acme.id, fingerprint, minutes: 5, reason: 'x' });
      assert.equal(shorter.body.silence.expiresAt, longer.body.silence.expiresAt);
      const mine = (await call('GET', '/api/v1/alert-silences')).body.silences.filter(
        (s: AlertSilence) => s.fingerprint === fingerprint,
      );
      assert.equal(mine.length, 1);
    });
  });
}
