import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { storedEventTypes } from '../core/events/events.queries.ts';
import { undeclaredEventTypes } from '../testing/event-vocabulary.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { loadDemo } from './load-demo.ts';

for (const dialect of await testDialects()) {
  describe(`muster demo on ${dialect}`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ dialect });
    });
    after(() => server.close());

    it('loads two customers with published plans and incidents that link them, once', async () => {
      const demo = await loadDemo(server.deps);
      assert.ok(demo.password, 'an admin was created for the empty database');
      const token = await server.userToken('admin');
      const get = async (url: string) => (await server.request('GET', url, { token })).json();
      const plans = await get('/api/v1/plans/current');
      assert.equal(plans.items.length, 2);
      const incidents = await get('/api/v1/incidents');
      assert.equal(incidents.items.length, 4);
      assert.ok(incidents.items.every((i: { planVersionId: string | null }) => i.planVersionId));
      const leak = incidents.items.find((i: { personalData: boolean }) => i.personalData);
      const { incidentPlan } = await get(`/api/v1/incidents/${leak.id}/plan`);
      const gdpr = incidentPlan.obligations.find((o: { obligationId: string }) => o.obligationId === 'gdpr-art-33');
      assert.equal(gdpr.applies, true);
      const phishing = incidents.items.find((i: { title: string }) => i.title.startsWith('Credential phishing'));
      const attack = (await get(`/api/v1/incidents/${phishing.id}/plan`)).incidentPlan.obligations.find(
        (o: { obligationId: string }) => o.obligationId === 'contract-notify-attack-immediately',
      );
      assert.equal(attack.stages[0].wording, 'immediately');
      const window = Date.parse(attack.stages[0].dueAt) - Date.parse(attack.stages[0].startedAt);
      assert.equal(window, 60 * 60_000, '"immediately" is an hour from awareness in the demo contract');
      const plan = await get(`/api/v1/plans/${phishing.planVersionId}`);
      assert.equal(plan.snapshot.customer.firstReport, 'on-report', 'its first reports go by themselves');
      const ladders = await get(`/api/v1/pace-plans?customerId=${leak.customerId}`);
      assert.ok(ladders.items[0].warnings.some((w: { code: string }) => w.code === 'shared-infrastructure'));
      await assert.rejects(loadDemo(server.deps), /already has customers/);
    });

    it('stores only event types the vocabulary declares, on every kind of stream it fills', async () => {
      // Runs after the load above: the demo's incidents, registry objects and published plans.
      assert.deepEqual(await undeclaredEventTypes(server.deps.database), []);
      const kinds = new Set((await storedEventTypes(server.deps.database.db)).map((e) => e.stream_type));
      assert.deepEqual([...kinds].sort(), ['incident', 'record']);
    });
  });
}
