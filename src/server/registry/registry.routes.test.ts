import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyEverything } from '../integrity/verify-everything.ts';
import { testDialects } from '../testing/test-db.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

for (const dialect of await testDialects()) {
  describe(`registry API on ${dialect}`, () => {
    let server: TestServer;
    let admin: string;
    const call = async (method: string, url: string, body?: unknown, token = admin) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const created = async (url: string, body: unknown) => {
      const res = await call('POST', url, body);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body;
    };

    before(async () => {
      server = await startTestServer({ dialect });
      admin = await server.userToken('admin', 'Ada Admin');
    });
    after(() => server.close());

    describe('customers, services and connections', () => {
      it('creates a customer and a service with connections, filling the connection ids', async () => {
        const customer = await created('/api/v1/customers', { name: 'Acme Bank', code: 'acme', timeZone: 'Europe/Oslo' });
        assert.equal(customer.code, 'ACME');
        assert.equal(customer.version, 1);
        const service = await created('/api/v1/services', {
          customerId: customer.id,
          name: 'Online banking',
          criticality: 'critical',
          personalData: true,
          connections: [
            {
              target: 'core-banking.acme.internal',
              direction: 'outbound',
              protocol: 'HTTPS/443',
              account: 'svc-obank',
              purpose: 'Balances',
            },
          ],
        });
        assert.equal(service.customerId, customer.id);
        assert.ok(service.connections[0].id);
        const list = await call('GET', `/api/v1/services?customerId=${customer.id}`);
        assert.deepEqual(
          list.body.items.map((s: { name: string }) => s.name),
          ['Online banking'],
        );
      });

      it('records every change as an event with who and when, and only what changed', async () => {
        const customer = await created('/api/v1/customers', { name: 'Beta Corp' });
        const changed = await call('PATCH', `/api/v1/customers/${customer.id}`, { description: 'Insurance', name: 'Beta Corp' });
        assert.equal(changed.status, 200);
        assert.equal(changed.body.version, 2);
        const history = await call('GET', `/api/v1/customers/${customer.id}/history`);
        assert.deepEqual(
          history.body.events.map((e: { type: string }) => e.type),
          ['customer.created', 'customer.updated'],
        );
        const update = history.body.events[1];
        assert.equal(update.actor.name, 'Ada Admin');
        assert.deepEqual(update.data, { changes: { description: 'Insurance' }, previous: { description: '' } });
        assert.equal(update.prevHash, history.body.events[0].hash);
      });

      it('lets verify find a registry event altered in the database', async () => {
        const customer = await created('/api/v1/customers', { name: 'Tamper Target' });
        await call('PATCH', `/api/v1/customers/${customer.id}`, { description: 'honest' });
        const { db } = server.deps.database;
        assert.equal((await verifyEverything(db)).findings.length, 0);
        await sql`update events set data = ${JSON.stringify({ changes: { description: 'forged' }, previous: { description: '' } })}
                  where stream_id = ${customer.id} and seq = 2`.execute(db);
        const report = await verifyEverything(db);
        assert.deepEqual(
          report.findings.map((b) => [b.id, b.firstInvalidSeq]),
          [[customer.id, 2]],
        );
        await sql`delete from events where stream_id = ${customer.id}`.execute(db);
        await sql`delete from records where id = ${customer.id}`.execute(db);
      });

      it('answers 409 for a stale expectedVersion and keeps the stored object', async () => {
        const customer = await created('/api/v1/customers', { name: 'Gamma AS' });
        await call('PATCH', `/api/v1/customers/${customer.id}`, { description: 'first' });
        const stale = await call('PATCH', `/api/v1/customers/${customer.id}`, { description: 'second', expectedVersion: 1 });
        assert.equal(stale.status, 409);
        const now = await call('GET', `/api/v1/customers/${customer.id}`);
        assert.equal(now.body.description, 'first');
      });

      it('archives with DELETE: gone from lists, still readable with its history', async () => {
        const customer = await created('/api/v1/customers', { name: 'Delta' });
        const service = await created('/api/v1/services', { customerId: customer.id, name: 'Old portal' });
        assert.equal((await call('DELETE', `/api/v1/services/${service.id}`)).status, 204);
        const list = await call('GET', `/api/v1/services?customerId=${customer.id}`);
        assert.equal(list.body.items.length, 0);
        const one = await call('GET', `/api/v1/services/${service.id}`);
        assert.ok(one.body.archivedAt);
        assert.equal((await call('PATCH', `/api/v1/services/${service.id}`, { name: 'x' })).status, 409);
      });

      it('rejects bad input with a 400 naming the field', async () => {
        const unknown = await call('POST', '/api/v1/customers', { name: 'X', colour: 'red' });
        assert.equal(unknown.status, 400);
        assert.equal(unknown.body.error.field, 'colour');
        const zone = await call('POST', '/api/v1/customers', { name: 'X', timeZone: 'Mars/Olympus' });
        assert.equal(zone.status, 400);
        assert.equal(zone.body.error.field, 'timeZone');
        assert.match(zone.body.error.message, /Mars\/Olympus/);
        const noCustomer = await call('POST', '/api/v1/services', { name: 'Orphan' });
        assert.equal(noCustomer.status, 400);
        assert.equal(noCustomer.body.error.field, 'customerId');
        const criticality = await call('POST', '/api/v1/services', { customerId: 'x', name: 'S', criticality: 'extreme' });
        assert.equal(criticality.status, 400);
        assert.equal(criticality.body.error.field, 'criticality');
      });
    });

    describe('contacts, rosters and PACE plans', () => {
      it('builds a ladder, warns about shared infrastructure and untested channels, and refuses a second roster', async () => {
        const customer = await created('/api/v1/customers', { name: 'Epsilon' });
        const contact = await created('/api/v1/contacts', {
          customerId: customer.id,
          name: 'Eva Contact',
          role: 'Customer contact point',
          timeZone: 'Europe/Oslo',
          channels: [
            { type: 'email', address: 'eva@epsilon.example', lastTestedAt: new Date().toISOString() },
            { type: 'email', address: 'security@epsilon.example' },
            { type: 'sms', address: '+4790000000' },
          ],
        });
        const [work, shared, sms] = contact.channels;
        const plan = await created('/api/v1/pace-plans', {
          customerId: customer.id,
          purpose: 'notify-customer',
          levels: [
            { level: 'primary', contactId: contact.id, channelId: work.id },
            { level: 'alternate', contactId: contact.id, channelId: shared.id },
            { level: 'contingency', contactId: contact.id, channelId: sms.id },
            { level: 'emergency', contactId: null, channelId: null, instruction: 'Drive to the customer office' },
          ],
        });
        const codes = plan.warnings.map((w: { code: string }) => w.code);
        assert.ok(codes.includes('shared-infrastructure'), JSON.stringify(plan.warnings));
        assert.ok(codes.includes('untested-channel'));
        assert.ok(!codes.includes('missing-level'));
        assert.equal(plan.levels[0].moveOn.noAckMinutes, 15);

        const again = await call('POST', '/api/v1/pace-plans', { customerId: customer.id, purpose: 'notify-customer' });
        assert.equal(again.status, 409);

        const roster = await created('/api/v1/rosters', {
          customerId: customer.id,
          entries: [{ role: 'incident-manager', people: [contact.id] }],
        });
        assert.equal(roster.entries[0].people[0], contact.id);
        assert.equal((await call('POST', '/api/v1/rosters', { customerId: customer.id })).status, 409);
      });

      it('refuses a ladder level on a channel the contact does not have', async () => {
        const customer = await created('/api/v1/customers', { name: 'Zeta' });
        const contact = await created('/api/v1/contacts', { customerId: customer.id, name: 'Zed' });
        const res = await call('POST', '/api/v1/pace-plans', {
          customerId: customer.id,
          purpose: 'coordinate-responders',
          levels: [{ level: 'primary', contactId: contact.id, channelId: 'nope' }],
        });
        assert.equal(res.status, 400);
        assert.equal(res.body.error.field, 'levels/0/channelId');
      });
    });

    describe('obligations and playbooks', () => {
      it('switches on a library obligation with its citation, once per customer', async () => {
        const customer = await created('/api/v1/customers', { name: 'Eta' });
        const library = await call('GET', '/api/v1/obligations/library');
        assert.ok(library.body.items.some((o: { id: string }) => o.id === 'gdpr-art-33'));
        const gdpr = await created('/api/v1/obligations', { customerId: customer.id, libraryId: 'gdpr-art-33' });
        assert.match(gdpr.definition.source.citation, /Art\. 33/);
        assert.equal(
          (await call('POST', '/api/v1/obligations', { customerId: customer.id, libraryId: 'gdpr-art-33' })).status,
          409,
        );
        const template = await created('/api/v1/obligations/contract-template', { customerId: customer.id, hours: 4 });
        assert.equal(template.items.length, 2);
        assert.match(template.items[0].definition.name, /within 4 hours/);
      });

      it('refuses a deadline of zero length with a 400 naming it, and gives "immediately" the window asked for', async () => {
        const customer = await created('/api/v1/customers', { name: 'Iota' });
        const rule = (after: Record<string, number>) => ({
          customerId: customer.id,
          definition: {
            name: 'Contract: tell the CISO immediately',
            source: { citation: 'Contract § 9' },
            recipient: 'CISO',
            trigger: [],
            stages: [
              { id: 'first', name: 'First notice', deadlines: [{ from: 'aware', after: { hours: 2 } }] },
              { id: 'now', name: 'Notice', deadlines: [{ from: 'aware', after }], wording: 'immediately' },
            ],
            pacePurpose: 'notify-customer',
            requiredContent: [],
          },
        });
        const zero = await call('POST', '/api/v1/obligations', rule({ minutes: 0 }));
        assert.equal(zero.status, 400, JSON.stringify(zero.body));
        assert.equal(zero.body.error.field, 'definition.stages.1.deadlines.0.after');
        assert.match(zero.body.error.message, /Notice.*longer than zero/);
        assert.equal((await call('POST', '/api/v1/obligations', rule({}))).status, 400, 'no unit at all is zero too');
        const made = await created('/api/v1/obligations', rule({ minutes: 30 }));
        assert.deepEqual(made.definition.stages[1].deadlines[0].after, { minutes: 30 });

        const template = await created('/api/v1/obligations/contract-template', {
          customerId: customer.id,
          hours: 8,
          immediatelyMinutes: 15,
        });
        assert.deepEqual(template.items[1].definition.stages[0].deadlines[0].after, { minutes: 15 });
        const bad = await call('POST', '/api/v1/obligations/contract-template', {
          customerId: customer.id,
          hours: 8,
          immediatelyMinutes: 0,
        });
        assert.equal(bad.status, 400);
        assert.equal(bad.body.error.field, 'immediatelyMinutes');
      });

      it('keeps when the first report goes by itself on the customer: "only by hand" unless chosen', async () => {
        const customer = await created('/api/v1/customers', { name: 'Kappa' });
        assert.equal(customer.firstReport, 'by-hand');
        const chosen = await call('PATCH', `/api/v1/customers/${customer.id}`, { firstReport: 'on-report' });
        assert.equal(chosen.body.firstReport, 'on-report');
        const wrong = await call('PATCH', `/api/v1/customers/${customer.id}`, { firstReport: 'sometimes' });
        assert.equal(wrong.status, 400);
        assert.equal(wrong.body.error.field, 'firstReport');
        const draft = await call('GET', `/api/v1/customers/${customer.id}/plan-draft`);
        assert.equal(draft.body.customer.firstReport, 'on-report', 'a published plan freezes it');
      });

      it('copies a library playbook for a customer and versions its edits', async () => {
        const customer = await created('/api/v1/customers', { name: 'Theta' });
        const copy = await created('/api/v1/playbooks/copies', { from: 'ransomware', customerId: customer.id });
        assert.equal(copy.slug, 'ransomware');
        assert.equal(copy.basedOn, 'ransomware');
        const steps = [...copy.steps, { phase: 'communicate', title: 'Call the customer CISO', role: 'customer-liaison' }];
        const edited = await call('PATCH', `/api/v1/playbooks/${copy.id}`, { steps });
        assert.equal(edited.status, 200);
        assert.equal(edited.body.version, 2);
        assert.equal(edited.body.steps.at(-1).needsCustomerInstruction, false);
        const bad = await call('PATCH', `/api/v1/playbooks/${copy.id}`, {
          steps: [{ phase: 'contain', title: ' ', role: 'legal' }],
        });
        assert.equal(bad.status, 400);
      });
    });
  });
}
