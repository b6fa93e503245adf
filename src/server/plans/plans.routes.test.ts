import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pdfText } from '../testing/pdf-text.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

for (const dialect of await testDialects()) {
  describe(`contingency plans on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let customer: { id: string };
    let dpo: { id: string; channels: { id: string }[] };
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await server.request(method, url, { token: admin, body });
      const text = await res.text();
      const json = res.headers.get('content-type')?.includes('json');
      return { status: res.status, body: text && json ? JSON.parse(text) : text, headers: res.headers };
    };
    const created = async (url: string, body: unknown) => {
      const res = await call('POST', url, body);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };

    let offsetMs = 0; // the server's clock runs this far ahead of the real one
    before(async () => {
      server = await startTestServer({ dialect, clock: { now: () => new Date(Date.now() + offsetMs) } });
      admin = await server.userToken('admin', 'Ada Admin');
      customer = await created('/api/v1/customers', { name: 'Nordlys Energi', code: 'NLE', timeZone: 'Europe/Oslo' });
      dpo = await created('/api/v1/contacts', {
        customerId: customer.id,
        name: 'Dina Personvern',
        role: 'DPO',
        channels: [
          { type: 'email', address: 'dpo@nordlys.example' },
          { type: 'email', address: 'privacy@nordlys.example' },
        ],
      });
      await created('/api/v1/services', {
        customerId: customer.id,
        name: 'Customer portal',
        criticality: 'high',
        personalData: true,
        connections: [
          {
            target: 'billing.nordlys.internal',
            direction: 'outbound',
            protocol: 'HTTPS/443',
            account: 'svc-portal',
            purpose: 'Invoices',
          },
        ],
      });
      await created('/api/v1/pace-plans', {
        customerId: customer.id,
        purpose: 'notify-customer',
        levels: [
          { level: 'primary', contactId: dpo.id, channelId: dpo.channels[0].id },
          { level: 'alternate', contactId: dpo.id, channelId: dpo.channels[1].id },
        ],
      });
      await created('/api/v1/obligations', { customerId: customer.id, libraryId: 'gdpr-art-33', recipientContactId: dpo.id });
    });
    after(() => server.close());

    it('publishes immutable versions with a SHA-256 and compares them', async () => {
      const v1 = await created(`/api/v1/customers/${customer.id}/plans`, { approver: 'Kari CISO' });
      assert.equal(v1.version, 1);
      assert.match(v1.sha256, /^[0-9a-f]{64}$/);
      assert.equal(v1.owner, 'Ada Admin');
      assert.equal(v1.reviewOverdue, false);

      await created('/api/v1/services', { customerId: customer.id, name: 'Smart meter gateway', criticality: 'critical' });
      const v2 = await created(`/api/v1/customers/${customer.id}/plans`, { approver: 'Kari CISO' });
      assert.equal(v2.version, 2);
      assert.notEqual(v2.sha256, v1.sha256);

      const first = await call('GET', `/api/v1/plans/${v1.id}`);
      assert.equal(first.body.snapshot.services.length, 1, 'version 1 did not change when the registry did');
      const diff = await call('GET', `/api/v1/plans/${v2.id}/compare/${v1.id}`);
      assert.deepEqual(diff.body.sections, [{ section: 'services', added: ['Smart meter gateway'], removed: [], changed: [] }]);

      const history = await call('GET', `/api/v1/customers/${customer.id}/history`);
      assert.deepEqual(
        history.body.events
          .filter((e: { type: string }) => e.type === 'plan.published')
          .map((e: { data: { version: number } }) => e.data.version),
        [1, 2],
      );
      const versions = await call('GET', `/api/v1/customers/${customer.id}/plans`);
      assert.deepEqual(
        versions.body.items.map((v: { version: number }) => v.version),
        [2, 1],
      );
    });

    it('says what publishing would change since the latest version, and nothing right after publishing', async () => {
      const other = await created('/api/v1/customers', { name: 'Fjordbank', code: 'FJB', timeZone: 'Europe/Oslo' });
      const changes = async () => {
        const res = await call('GET', `/api/v1/customers/${other.id}/plan-draft/changes`);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        return res.body;
      };
      assert.deepEqual(await changes(), { since: null, sections: [] }, 'before the first version there is nothing to compare');
      await created(`/api/v1/customers/${other.id}/plans`, { approver: 'Kari CISO' });
      assert.deepEqual(await changes(), { since: 1, sections: [] }, 'nothing changed since version 1');
      await created('/api/v1/services', { customerId: other.id, name: 'Loan applications', criticality: 'high' });
      assert.deepEqual(await changes(), {
        since: 1,
        sections: [{ section: 'services', added: ['Loan applications'], removed: [], changed: [] }],
      });
      assert.equal((await call('GET', '/api/v1/customers/no-such-customer/plan-draft/changes')).status, 404);
    });

    it('exports the offline kit as one self-contained HTML file with the ladder, the obligations and the hash', async () => {
      const plan = await created(`/api/v1/customers/${customer.id}/plans`, { approver: 'Kari CISO' });
      const kit = await call('GET', `/api/v1/plans/${plan.id}/kit.html?timeZone=Europe/Oslo`);
      assert.equal(kit.status, 200);
      assert.match(kit.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(kit.headers.get('x-plan-sha256'), plan.sha256);
      const html = kit.body as string;
      for (const text of [
        'Nordlys Energi',
        'dpo@nordlys.example',
        'privacy@nordlys.example',
        'Art. 33',
        plan.sha256,
        'billing.nordlys.internal',
      ]) {
        assert.ok(html.includes(text), `the kit mentions ${text}`);
      }
      assert.doesNotMatch(html, /<link[^>]+href=|<script[^>]+src=|url\(\s*['"]?https?:/i);
      const card = await call('GET', `/api/v1/plans/${plan.id}/pace-card.html`);
      assert.ok((card.body as string).includes('dpo@nordlys.example'));
      const pdf = await server.request('GET', `/api/v1/plans/${plan.id}/kit.pdf?download=true`, { token: admin });
      assert.equal(pdf.status, 200);
      assert.match(pdf.headers.get('content-disposition') ?? '', /^attachment; filename="NLE-contingency-plan-v\d+-kit\.pdf"$/);
      assert.equal(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
        '%PDF-',
      );
      const zone = await call('GET', `/api/v1/plans/${plan.id}/kit.html?timeZone=Nowhere/Land`);
      assert.equal(zone.status, 400);
    });

    it('prints the kit, the PDF and the PACE card in the customer’s time zone unless ?timeZone= says otherwise', async () => {
      const plan = await created(`/api/v1/customers/${customer.id}/plans`, { approver: 'Kari CISO' });
      const kit = (await call('GET', `/api/v1/plans/${plan.id}/kit.html`)).body as string;
      assert.match(kit, /<tr><th>Times in this binder<\/th><td>Europe\/Oslo<\/td><\/tr>/);
      assert.match(kit, /<tr><th>Published<\/th><td>[^<]* Europe\/Oslo \(UTC\+0[12]:00\)/);
      assert.doesNotMatch(kit, /\d\d:\d\d UTC\b/, 'no time printed in UTC');
      const card = (await call('GET', `/api/v1/plans/${plan.id}/pace-card.html`)).body as string;
      assert.ok(card.includes('Log every attempt: time (Europe/Oslo)'), 'the PACE card logs in the customer’s zone');
      const pdf = await server.request('GET', `/api/v1/plans/${plan.id}/kit.pdf`, { token: admin });
      const text = pdfText(Buffer.from(await pdf.arrayBuffer())).replace(/\s+/g, ' ');
      assert.ok(text.includes('Times in Europe/Oslo'), 'the PDF’s log sheet names the customer’s zone');
      assert.match(text, /Europe\/Oslo \(UTC\+0[12]:00\)/);

      const override = (await call('GET', `/api/v1/plans/${plan.id}/kit.html?timeZone=America/New_York`)).body as string;
      assert.match(override, /<tr><th>Times in this binder<\/th><td>America\/New_York<\/td><\/tr>/);
      const overriddenPdf = await server.request('GET', `/api/v1/plans/${plan.id}/kit.pdf?timeZone=UTC`, { token: admin });
      assert.ok(
        pdfText(Buffer.from(await overriddenPdf.arrayBuffer()))
          .replace(/\s+/g, ' ')
          .includes('Times in UTC'),
      );
      for (const kind of ['kit.html', 'kit.pdf', 'pace-card.html']) {
        const bad = await call('GET', `/api/v1/plans/${plan.id}/${kind}?timeZone=Mars/Olympus`);
        assert.equal(bad.status, 400, kind);
        assert.equal(bad.body.error.field, 'timeZone');
        assert.match(bad.body.error.message, /Mars\/Olympus/);
      }

      // The zone is the customer's as it is now: changing it changes the next print of an existing version.
      const moved = await call('PATCH', `/api/v1/customers/${customer.id}`, { timeZone: 'Asia/Tokyo' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      try {
        const again = (await call('GET', `/api/v1/plans/${plan.id}/kit.html`)).body as string;
        assert.match(again, /<tr><th>Times in this binder<\/th><td>Asia\/Tokyo<\/td><\/tr>/);
      } finally {
        await call('PATCH', `/api/v1/customers/${customer.id}`, { timeZone: 'Europe/Oslo' });
      }
    });

    it('links new incidents to the plan in force and shows the obligations that apply now, with their clocks', async () => {
      const plan = await created(`/api/v1/customers/${customer.id}/plans`, { approver: 'Kari CISO' });
      const services = await call('GET', `/api/v1/services?customerId=${customer.id}`);
      const portal = services.body.items.find((s: { name: string }) => s.name === 'Customer portal');
      const incident = await created('/api/v1/incidents', {
        title: 'Customer records exposed',
        customerId: customer.id,
        serviceIds: [portal.id],
        category: 'information-content-security/data-leak',
      });
      assert.equal(incident.planVersionId, plan.id);

      let view = (await call('GET', `/api/v1/incidents/${incident.id}/plan`)).body.incidentPlan;
      assert.equal(view.plan.id, plan.id);
      const gdpr = () => view.obligations.find((o: { obligationId: string }) => o.obligationId === 'gdpr-art-33');
      assert.equal(gdpr().applies, false, 'no personal data involved yet');
      assert.deepEqual(
        view.checkList[0].connections.map((c: { target: string }) => c.target),
        ['billing.nordlys.internal'],
      );
      assert.ok(view.playbooks.length > 0, 'playbooks suggested for a data leak');

      await call('PATCH', `/api/v1/incidents/${incident.id}`, { personalData: true });
      view = (await call('GET', `/api/v1/incidents/${incident.id}/plan`)).body.incidentPlan;
      assert.equal(gdpr().applies, true);
      const stage = gdpr().stages[0];
      assert.equal(stage.status, 'running');
      assert.equal(Date.parse(stage.dueAt) - Date.parse(incident.times.awareAt), 72 * 3600_000);
    });

    it('starts the clocks of obligations that wait for a determination when it is recorded', async () => {
      await created('/api/v1/obligations', { customerId: customer.id, libraryId: 'nis2-art-23' });
      await created(`/api/v1/customers/${customer.id}/plans`, { approver: 'Kari CISO' });
      const incident = await created('/api/v1/incidents', { title: 'Grid control outage', customerId: customer.id });
      const nis2 = async () =>
        (await call('GET', `/api/v1/incidents/${incident.id}/plan`)).body.incidentPlan.obligations.find(
          (o: { obligationId: string }) => o.obligationId === 'nis2-art-23',
        );
      assert.equal((await nis2()).applies, false);
      const determined = await call('POST', `/api/v1/incidents/${incident.id}/determinations`, {
        name: 'significant',
        reason: 'Severe disruption of a critical service',
      });
      assert.equal(determined.status, 200);
      assert.ok(determined.body.determinations.significant);
      const verdict = await nis2();
      assert.equal(verdict.applies, true);
      assert.deepEqual(
        verdict.stages.map((s: { status: string }) => s.status),
        ['running', 'running', 'waiting'],
      );
      const again = await call('POST', `/api/v1/incidents/${incident.id}/determinations`, {
        name: 'significant',
        reason: 'again',
      });
      assert.equal(again.status, 409);
      const timeline = await call('GET', `/api/v1/incidents/${incident.id}/timeline`);
      assert.equal(timeline.body.events.at(-1).type, 'determination.recorded');
    });

    it('shows a plan past its review date as overdue on the dashboard list, and refuses a review date in the past', async () => {
      const plan = await created(`/api/v1/customers/${customer.id}/plans`, {
        approver: 'Kari CISO',
        reviewBy: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      });
      let current = await call('GET', '/api/v1/plans/current');
      assert.equal(current.body.items.find((p: { id: string }) => p.id === plan.id).reviewOverdue, false);
      offsetMs = 31 * 86_400_000;
      current = await call('GET', '/api/v1/plans/current');
      assert.equal(current.body.items.find((p: { id: string }) => p.id === plan.id).reviewOverdue, true);
      const past = await call('POST', `/api/v1/customers/${customer.id}/plans`, {
        approver: 'X',
        reviewBy: '2020-01-01T00:00:00Z',
      });
      assert.equal(past.status, 400);
      assert.equal(past.body.error.field, 'reviewBy');
      offsetMs = 0;
    });

    it('refuses services of another customer on an incident', async () => {
      const other = await created('/api/v1/customers', { name: 'Other' });
      const service = await created('/api/v1/services', { customerId: other.id, name: 'Other service' });
      const res = await call('POST', '/api/v1/incidents', { title: 'Mixed', customerId: customer.id, serviceIds: [service.id] });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.field, 'serviceIds');
    });
  });
}
