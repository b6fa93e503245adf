import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectSse } from '../testing/sse-client.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

// Memberships decide what a non-admin sees. Another customer's objects answer 404, never 403, and never show in
// lists, searches or the live stream.
for (const dialect of await testDialects()) {
  describe(`customer-scoped access on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    let alice: string; // responder at Acme
    let victor: string; // viewer at Acme
    let bob: string; // manager at Bravo
    let acme: { id: string };
    let bravo: { id: string };
    let acmeIncident: { id: string; key: string };
    let bravoIncident: { id: string; key: string };

    const call = async (method: string, url: string, token: string, body?: unknown) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const member = async (customerId: string, token: string, role: string) => {
      const me = await call('GET', '/api/v1/auth/me', token);
      const res = await call('PUT', `/api/v1/customers/${customerId}/members/${me.body.user.id}`, admin, { role });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    };

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin');
      alice = await server.userToken('responder', 'Alice');
      victor = await server.userToken('viewer', 'Victor');
      bob = await server.userToken('responder', 'Bob');
      acme = (await call('POST', '/api/v1/customers', admin, { name: 'Acme' })).body;
      bravo = (await call('POST', '/api/v1/customers', admin, { name: 'Bravo' })).body;
      await member(acme.id, alice, 'responder');
      await member(acme.id, victor, 'viewer');
      await member(bravo.id, bob, 'manager');
      acmeIncident = (await call('POST', '/api/v1/incidents', alice, { title: 'Acme phishing wave', customerId: acme.id })).body;
      bravoIncident = (await call('POST', '/api/v1/incidents', bob, { title: 'Bravo phishing wave', customerId: bravo.id })).body;
      assert.ok(acmeIncident.key && bravoIncident.key);
    });
    after(() => server.close());

    it('requires a customer on new incidents once customers exist', async () => {
      const res = await call('POST', '/api/v1/incidents', alice, { title: 'No customer' });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.field, 'customerId');
    });

    it("does not let a user file an incident under another customer's name", async () => {
      const res = await call('POST', '/api/v1/incidents', alice, { title: 'Sneaky', customerId: bravo.id });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.field, 'customerId');
    });

    it("answers 404, never 403, for another customer's incident by id or key, and for its timeline and integrity", async () => {
      for (const url of [
        `/api/v1/incidents/${bravoIncident.id}`,
        `/api/v1/incidents/${bravoIncident.key}`,
        `/api/v1/incidents/${bravoIncident.id}/timeline`,
        `/api/v1/incidents/${bravoIncident.id}/integrity`,
        `/api/v1/incidents/${bravoIncident.id}/plan`,
      ]) {
        const res = await call('GET', url, alice);
        assert.equal(res.status, 404, url);
      }
      const note = await call('POST', `/api/v1/incidents/${bravoIncident.id}/notes`, alice, { body: 'peek' });
      assert.equal(note.status, 404);
      const timeline = await call('GET', `/api/v1/incidents/${bravoIncident.id}/timeline`, bob);
      assert.equal(timeline.body.events.length, 1, 'the refused note left no trace');
    });

    it("keeps another customer's incidents out of lists and searches", async () => {
      const all = await call('GET', '/api/v1/incidents?q=phishing', alice);
      assert.deepEqual(
        all.body.items.map((i: { id: string }) => i.id),
        [acmeIncident.id],
      );
      const filtered = await call('GET', `/api/v1/incidents?customerId=${bravo.id}`, alice);
      assert.equal(filtered.status, 404);
      const byAdmin = await call('GET', '/api/v1/incidents?q=phishing', admin);
      assert.equal(byAdmin.body.items.length, 2);
    });

    it("hides another customer's registry objects and plans", async () => {
      const service = (await call('POST', '/api/v1/services', bob, { customerId: bravo.id, name: 'Bravo web shop' })).body;
      assert.ok(service.id);
      assert.equal((await call('GET', `/api/v1/services/${service.id}`, alice)).status, 404);
      assert.equal((await call('GET', `/api/v1/customers/${bravo.id}`, alice)).status, 404);
      assert.equal((await call('GET', `/api/v1/customers/${bravo.id}/plans`, alice)).status, 404);
      assert.equal((await call('GET', `/api/v1/services?customerId=${bravo.id}`, alice)).status, 404);
      const customers = await call('GET', '/api/v1/customers', alice);
      assert.deepEqual(
        customers.body.items.map((c: { name: string }) => c.name),
        ['Acme'],
      );
      const services = await call('GET', '/api/v1/services', alice);
      assert.equal(services.body.items.length, 0);
    });

    it("answers 404 for another customer's published plan, its offline kit and its comparison", async () => {
      const plan = (await call('POST', `/api/v1/customers/${bravo.id}/plans`, bob, { approver: 'Bravo board' })).body;
      assert.ok(plan.id, JSON.stringify(plan));
      for (const url of [
        `/api/v1/plans/${plan.id}`,
        `/api/v1/plans/${plan.id}/kit.html`,
        `/api/v1/plans/${plan.id}/pace-card.html`,
        `/api/v1/plans/${plan.id}/compare/${plan.id}`,
        `/api/v1/customers/${bravo.id}/plan-draft`,
      ]) {
        assert.equal((await call('GET', url, alice)).status, 404, url);
      }
      const current = await call('GET', '/api/v1/plans/current', alice);
      assert.equal(current.body.items.length, 0);
      assert.equal((await server.request('GET', `/api/v1/plans/${plan.id}/kit.html`, { token: bob })).status, 200);
    });

    it('lets a membership role decide what can be done inside the customer', async () => {
      const read = await call('GET', `/api/v1/incidents/${acmeIncident.id}`, victor);
      assert.equal(read.status, 200);
      const note = await call('POST', `/api/v1/incidents/${acmeIncident.id}/notes`, victor, { body: 'viewer note' });
      assert.equal(note.status, 403);
      const registry = await call('POST', '/api/v1/services', alice, { customerId: acme.id, name: 'Acme payroll' });
      assert.equal(registry.status, 403, 'responders do not edit the plan');
      const manager = await call('POST', '/api/v1/services', bob, { customerId: bravo.id, name: 'Bravo payroll' });
      assert.equal(manager.status, 201);
      const members = await call('GET', `/api/v1/customers/${bravo.id}/members`, bob);
      assert.deepEqual(
        members.body.items.map((m: { userName: string; role: string }) => [m.userName, m.role]),
        [['Bob', 'manager']],
      );
    });

    it('streams only the events of customers the subscriber can see', async () => {
      const stream = await connectSse(`${server.url}/api/v1/stream`, { authorization: `Bearer ${alice}` });
      try {
        await call('POST', `/api/v1/incidents/${bravoIncident.id}/notes`, bob, { body: 'Bravo secret' });
        await call('PATCH', `/api/v1/customers/${bravo.id}`, bob, { description: 'Bravo change' });
        await call('POST', `/api/v1/incidents/${acmeIncident.id}/notes`, alice, { body: 'Acme note' });
        await stream.waitFor(1);
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.deepEqual(
          stream.messages.map((m) => JSON.parse(m.data).data?.body),
          ['Acme note'],
        );
        // Who wrote it, and nothing about them: no role, memberships or sign-in method.
        assert.deepEqual(Object.keys(JSON.parse(stream.messages[0].data).actor).sort(), ['id', 'name']);
      } finally {
        stream.close();
      }
    });
  });
}
