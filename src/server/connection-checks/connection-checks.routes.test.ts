import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ConnectionCheck } from '../../shared/connection-check-types.ts';
import { MINUTE, type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { testDialects } from '../testing/test-db.ts';

const DAY = 24 * 60 * MINUTE;

for (const dialect of await testDialects()) {
  describe(`connection checks on ${dialect}`, () => {
    let f: NotifyFixture;
    let billing: { id: string };
    let payroll: { id: string; connections: { id: string }[] };
    const sent: string[] = [];

    before(async () => {
      f = await startNotifyFixture(dialect);
      billing = await f.created('/api/v1/services', { customerId: f.customer.id, name: 'Billing' });
      payroll = await f.created('/api/v1/services', {
        customerId: f.customer.id,
        name: 'Payroll',
        criticality: 'high',
        connections: [
          {
            target: 'sap.nordlys.internal',
            direction: 'outbound',
            protocol: 'HTTPS/443',
            account: 'svc-pay',
            purpose: 'Salaries',
          },
          { target: 'billing', direction: 'both', protocol: 'SFTP', account: 'pay-export', purpose: 'Invoices' },
        ],
      });
    });
    // Every check's message is acknowledged after its test, so no ladder of an earlier test walks on in a later one.
    beforeEach(async () => {
      for (const id of sent.splice(0)) await f.call('POST', `/api/v1/notifications/${id}/acknowledgements`, {});
      await f.reset();
    });
    after(() => f.close());

    async function ask(incidentId: string, body: unknown = {}): Promise<ConnectionCheck> {
      const check = await f.created(`/api/v1/incidents/${incidentId}/connection-checks`, body);
      sent.push(check.notificationId);
      return check;
    }
    async function checks(incidentId: string): Promise<ConnectionCheck[]> {
      const res = await f.call('GET', `/api/v1/incidents/${incidentId}/connection-checks`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.items;
    }
    /** Asks, delivers, and returns the path of the check's link from the e-mail. */
    async function linkOf(incidentId: string): Promise<{ check: ConnectionCheck; path: string; text: string }> {
      const check = await ask(incidentId);
      await f.work();
      const [mail] = await f.sink.waitFor(1, 5000);
      const match = mail.text.match(/https?:\/\/\S+\/check\/\S+/);
      assert.ok(match, `no check link in: ${mail.text}`);
      return { check, path: new URL(match[0]).pathname, text: mail.text };
    }
    const open = (path: string) => fetch(`${f.server.url}${path}`);

    it('mails the list with a single-use link where the customer answers each connection, onto the card and timeline', async () => {
      const inc = await f.incident({ serviceIds: [payroll.id] });
      const { check, path, text } = await linkOf(inc.id);
      assert.equal(check.status, 'sent');
      assert.equal(check.answers, null);
      assert.deepEqual(
        check.connections.map((c) => [c.serviceName, c.target]),
        [
          ['Payroll', 'sap.nordlys.internal'],
          ['Payroll', 'billing'],
        ],
      );
      assert.match(text, /Payroll → sap\.nordlys\.internal \(outbound, HTTPS\/443, account svc-pay\) — Salaries/);
      assert.match(text, /Answer for each connection here \(no account needed, works once\)/);
      const types = (await f.timeline(inc.id)).map((e) => e.type);
      assert.ok(types.indexOf('connection_check.requested') < types.indexOf('notification.requested'), types.join());

      const page = await open(path);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.doesNotMatch(page.headers.get('content-security-policy') ?? '', /script-src/);
      const form = await page.text();
      assert.match(form, /sap\.nordlys\.internal/);
      assert.match(form, /name="status-1" value="compromised"/);
      assert.doesNotMatch(form, /<script/i, 'no JavaScript');
      const ackPage = await (await open(f.linkIn(text, 'ack'))).text();
      assert.ok(ackPage.includes(path), 'the acknowledgement page shows the check link too');

      const answered = await f.postForm(path, {
        'status-0': 'clean',
        'note-0': 'Logs reviewed, nothing odd',
        'status-1': 'compromised',
        'note-1': 'Unknown logins at 03:12',
        name: 'Ola Kontakt',
      });
      assert.equal(answered.status, 200);
      assert.match(await answered.text(), /Thank you/);

      const [stored] = await checks(inc.id);
      assert.equal(stored.status, 'answered');
      assert.equal(stored.answeredBy, 'Ola Kontakt');
      const [sap, link] = stored.connections.map((c) => c.connectionId);
      assert.deepEqual([stored.answers?.[sap].status, stored.answers?.[sap].note], ['clean', 'Logs reviewed, nothing odd']);
      assert.equal(stored.answers?.[link].status, 'compromised');
      assert.deepEqual(stored.suggestedServiceIds, [billing.id], 'the compromised target names the Billing service');
      assert.deepEqual(stored.compromisedServices, [
        { id: billing.id, name: 'Billing', connectionIds: [link], onIncident: false },
      ]);

      const timeline = await f.timeline(inc.id);
      const event = timeline.find((e) => e.type === 'connection_check.answered');
      assert.equal(event?.actor?.name, 'Ola Kontakt (through a link)');
      assert.deepEqual(
        event?.data.answers.map((a: { target: string; status: string }) => [a.target, a.status]),
        [
          ['sap.nordlys.internal', 'clean'],
          ['billing', 'compromised'],
        ],
      );
      assert.equal((await f.notification(check.notificationId)).status, 'acknowledged', 'answering stops the ladder');

      // Single use: a second answer is refused and changes nothing; so is opening the page again.
      const again = await f.postForm(path, { 'status-0': 'compromised', 'status-1': 'clean', name: 'Someone else' });
      assert.equal(again.status, 410);
      assert.match(await again.text(), /already answered/);
      assert.equal((await open(path)).status, 410);
      const [unchanged] = await checks(inc.id);
      assert.deepEqual(unchanged.answers, stored.answers);
      assert.equal(unchanged.answeredBy, 'Ola Kontakt');
      assert.equal((await f.timeline(inc.id)).filter((e) => e.type === 'connection_check.answered').length, 1);

      // Once Billing is on the incident, nothing is left to suggest.
      const added = await f.call('PATCH', `/api/v1/incidents/${inc.id}`, { serviceIds: [payroll.id, billing.id] });
      assert.equal(added.status, 200, JSON.stringify(added.body));
      const now = (await checks(inc.id))[0];
      assert.deepEqual(now.suggestedServiceIds, []);
      assert.equal(now.compromisedServices[0].onIncident, true);
    });

    it('refuses a form with an answer it does not know, naming the connection and keeping what was entered', async () => {
      const inc = await f.incident({ serviceIds: [payroll.id] });
      const { path } = await linkOf(inc.id);
      const unknown = await f.postForm(path, { 'status-0': 'maybe', 'status-1': 'clean', 'note-1': 'Fine', name: 'Ola' });
      assert.equal(unknown.status, 400);
      const page = await unknown.text();
      assert.match(
        page,
        /“maybe” is not an answer for sap\.nordlys\.internal \(Payroll\): choose Checked and clean, Compromised or Not checked/,
      );
      assert.match(page, /name="status-1" value="clean"[^>]* checked>/, 'the other answer is kept');
      assert.match(page, /name="note-1"[^>]*>Fine<\/textarea>/, 'and its note');
      assert.match(page, /name="name"[^>]*value="Ola"/, 'the name is kept');
      const missing = await f.postForm(path, { 'status-0': 'clean' });
      assert.equal(missing.status, 400);
      assert.match(await missing.text(), /Choose an answer for billing \(Payroll\)/);
      const [check] = await checks(inc.id);
      assert.equal(check.status, 'sent', 'a refused form does not use the link');
      assert.equal((await f.postForm(path, { 'status-0': 'not-checked', 'status-1': 'clean' })).status, 200);
    });

    it('takes one of two answers sent at the same moment, and refuses the other with 410', async () => {
      const inc = await f.incident({ serviceIds: [payroll.id] });
      const { path } = await linkOf(inc.id);
      const [a, b] = await Promise.all([
        f.postForm(path, { 'status-0': 'clean', 'status-1': 'clean', name: 'First' }),
        f.postForm(path, { 'status-0': 'compromised', 'status-1': 'compromised', name: 'Second' }),
      ]);
      assert.deepEqual([a.status, b.status].sort(), [200, 410]);
      const [check] = await checks(inc.id);
      const winner = a.status === 200 ? 'First' : 'Second';
      assert.equal(check.answeredBy, winner);
      assert.equal((await f.timeline(inc.id)).filter((e) => e.type === 'connection_check.answered').length, 1);
    });

    it('answers 404 to another customer’s users and to a token that names no check', async () => {
      const inc = await f.incident({ serviceIds: [payroll.id] });
      await ask(inc.id);
      const other = await f.created('/api/v1/customers', { name: 'Havbris AS' });
      const stranger = await f.server.memberToken(other.id, 'manager', 'Per Havbris');
      const url = `/api/v1/incidents/${inc.id}/connection-checks`;
      assert.equal((await f.call('GET', url, undefined, stranger)).status, 404);
      assert.equal((await f.call('POST', url, {}, stranger)).status, 404);
      const viewer = await f.server.memberToken(f.customer.id, 'viewer', 'Vera Viewer');
      assert.equal((await f.call('GET', url, undefined, viewer)).body.items.length, 1, 'readers of the incident see the checks');
      assert.equal((await f.call('POST', url, {}, viewer)).status, 403, 'a viewer cannot ask');
      const nobody = await open(`/check/${'A'.repeat(43)}`);
      assert.equal(nobody.status, 404);
      assert.match(await nobody.text(), /not valid/);
    });

    it('says why it cannot ask: no affected service, no connections, a service not on the incident, no ladder', async () => {
      const none = await f.incident();
      const noServices = await f.call('POST', `/api/v1/incidents/${none.id}/connection-checks`);
      assert.equal(noServices.status, 409);
      assert.match(noServices.body.error.message, /no affected services/);
      const bare = await f.incident({ serviceIds: [billing.id] });
      const noConnections = await f.call('POST', `/api/v1/incidents/${bare.id}/connection-checks`, {});
      assert.equal(noConnections.status, 409);
      assert.match(noConnections.body.error.message, /no connections recorded/);
      const elsewhere = await f.call('POST', `/api/v1/incidents/${bare.id}/connection-checks`, { serviceIds: [payroll.id] });
      assert.equal(elsewhere.status, 400);
      assert.equal(elsewhere.body.error.field, 'serviceIds');

      const other = await f.created('/api/v1/customers', { name: 'Fjellvann AS' });
      const pump = await f.created('/api/v1/services', {
        customerId: other.id,
        name: 'Pumps',
        connections: [{ target: 'scada.fjellvann.internal', direction: 'inbound', protocol: 'Modbus', account: '', purpose: '' }],
      });
      const inc = await f.created('/api/v1/incidents', {
        title: 'Odd pump commands',
        customerId: other.id,
        serviceIds: [pump.id],
      });
      const noLadder = await f.call('POST', `/api/v1/incidents/${inc.id}/connection-checks`, {});
      assert.equal(noLadder.status, 409);
      assert.match(noLadder.body.error.message, /no PACE ladder/);
      assert.deepEqual(await checks(inc.id), [], 'no check without its message');
      assert.ok(!(await f.timeline(inc.id)).some((e) => e.type === 'connection_check.requested'));
    });

    it('keeps the list and the link off a channel not cleared for TLP:RED', async () => {
      const inc = await f.incident({ serviceIds: [payroll.id], tlp: 'TLP:RED' });
      await ask(inc.id);
      await f.work();
      const [mail] = await f.sink.waitFor(1, 5000);
      assert.match(mail.text, /TLP:RED information for you/);
      assert.doesNotMatch(mail.text, /sap\.nordlys\.internal|\/check\//);
    });

    it('lets a link expire unused: 410 on the page and on the form, and the card says expired', async () => {
      const inc = await f.incident({ serviceIds: [payroll.id] });
      const { path } = await linkOf(inc.id);
      f.advance(7 * DAY + MINUTE);
      const page = await open(path);
      assert.equal(page.status, 410);
      assert.match(await page.text(), /This link has expired/);
      const late = await f.postForm(path, { 'status-0': 'clean', 'status-1': 'clean' });
      assert.equal(late.status, 410);
      const [check] = await checks(inc.id);
      assert.equal(check.status, 'expired');
      assert.equal(check.answers, null);
    });
  });
}
