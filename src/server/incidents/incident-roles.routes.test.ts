import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { TimelineEvent } from '../../shared/api-types.ts';
import { type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { testDialects } from '../testing/test-db.ts';

type RolesAnswer = {
  roles: { role: string; label: string; holder: { userId: string; name: string; via: string } | null; assigned: string | null }[];
  candidates: { id: string; name: string }[];
};

const CLASSIFIED = {
  category: 'malicious-code/infected-system',
  impact: { confidentiality: 'high', integrity: 'low', availability: 'none' },
};

const roleEvents = (events: TimelineEvent[]) => events.filter((e) => e.type.startsWith('role.'));

for (const dialect of await testDialects()) {
  describe(`roles on the incident on ${dialect}`, () => {
    let f: NotifyFixture;
    before(async () => {
      f = await startNotifyFixture(dialect);
    });
    beforeEach(() => f.reset());
    after(() => f.close());

    const me = async (token: string): Promise<{ id: string; name: string; email: string }> =>
      (await f.call('GET', '/api/v1/auth/me', undefined, token)).body.user;
    const roles = async (id: string, token?: string): Promise<RolesAnswer> =>
      (await f.call('GET', `/api/v1/incidents/${id}/roles`, undefined, token)).body;
    const adminId = async () => (await me(f.admin)).id;

    it('gives a role to a member, tells them through their linked contact, and records each change as one event', async () => {
      const ritaToken = await f.server.memberToken(f.customer.id, 'responder', 'Rita Responder');
      const rita = await me(ritaToken);
      const contact = await f.created('/api/v1/contacts', {
        customerId: f.customer.id,
        name: 'Rita Responder',
        role: 'Responder',
        channels: [{ type: 'email', address: 'rita.on.call@nordlys.example' }],
      });
      assert.equal((await f.call('PATCH', `/api/v1/users/${rita.id}`, { contactId: contact.id })).status, 200);
      const inc = await f.incident();
      const before = (await f.timeline(inc.id)).length;

      const put = await f.call('PUT', `/api/v1/incidents/${inc.id}/roles/incident-manager`, { userId: rita.id });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal(put.body.assignments['incident-manager'], rita.id, 'the assignments field stays readable');
      const after = await f.timeline(inc.id);
      assert.deepEqual(
        roleEvents(after).map((e) => [e.type, e.data]),
        [['role.assigned', { role: 'incident-manager', userId: rita.id, userName: 'Rita Responder', previous: null }]],
      );
      const told = after.slice(before).find((e) => e.type === 'notification.requested');
      assert.equal(told?.type === 'notification.requested' && told.data.to?.userId, rita.id);

      await f.work();
      const [mail] = await f.sink.waitFor(1, 5000);
      assert.deepEqual(mail.to, ['rita.on.call@nordlys.example']);
      assert.match(mail.subject, new RegExp(`You are now the incident manager of ${inc.key}: Ransom note on the file server`));
      assert.match(mail.text, /Ada Admin made you the incident manager/);
      assert.match(mail.text, /Incident manager — Leads the response and takes the decisions/);
      assert.match(mail.text, new RegExp(`/incidents/${inc.id}`), 'the message links the incident');

      // The delivery added its own events since.
      const { version } = (await f.call('GET', `/api/v1/incidents/${inc.id}`)).body;
      const again = await f.call('PUT', `/api/v1/incidents/${inc.id}/roles/incident-manager`, { userId: rita.id });
      assert.equal(again.status, 200);
      assert.equal(again.body.version, version, 'the same holder again changes nothing');

      const legal = await f.call('PUT', `/api/v1/incidents/${inc.id}/roles/legal`, { userId: await adminId() });
      assert.equal(legal.status, 200, JSON.stringify(legal.body));
      assert.equal(legal.body.version, version + 1, 'taking a role oneself is one event and no message');
      const removed = await f.call('DELETE', `/api/v1/incidents/${inc.id}/roles/legal`);
      assert.equal(removed.status, 200);
      assert.equal(removed.body.version, version + 2);
      assert.equal(removed.body.assignments.legal, undefined);
      const twice = await f.call('DELETE', `/api/v1/incidents/${inc.id}/roles/legal`);
      assert.equal(twice.status, 200);
      assert.equal(twice.body.version, version + 2, 'removing a role nobody holds changes nothing');
      assert.deepEqual(
        roleEvents(await f.timeline(inc.id)).map((e) => e.type),
        ['role.assigned', 'role.assigned', 'role.removed'],
      );

      const answer = await roles(inc.id);
      assert.equal(answer.roles.length, 10);
      assert.deepEqual(answer.roles[0], {
        role: 'incident-manager',
        label: 'Incident manager',
        holder: { userId: rita.id, name: 'Rita Responder', via: 'incident' },
        assigned: rita.id,
      });
      assert.ok(answer.candidates.some((c) => c.id === rita.id));
      const mine = await f.call('GET', '/api/v1/incidents?mine=true', undefined, ritaToken);
      assert.deepEqual(
        mine.body.items.map((i: { id: string }) => i.id),
        [inc.id],
        'the role makes it hers in the list',
      );
    });

    it('refuses an unknown role and a person who cannot read the incident, naming the field', async () => {
      const inc = await f.incident();
      const unknown = await f.call('PUT', `/api/v1/incidents/${inc.id}/roles/chief`, { userId: await adminId() });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.field, 'role');
      const other = await f.created('/api/v1/customers', { name: 'Fjordbank', code: 'FJB' });
      const outsider = await me(await f.server.memberToken(other.id, 'manager', 'Otto Outsider'));
      const refused = await f.call('PUT', `/api/v1/incidents/${inc.id}/roles/legal`, { userId: outsider.id });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.field, 'userId');
      assert.match(
        refused.body.error.message,
        /Otto Outsider is not a member of Nordlys Energi; add them on the customer’s Members tab/,
      );
      const nobody = await f.call('PUT', `/api/v1/incidents/${inc.id}/roles/legal`, { userId: 'nobody' });
      assert.equal(nobody.status, 400);
      assert.equal(nobody.body.error.field, 'userId');
      assert.ok(!(await roles(inc.id)).candidates.some((c) => c.id === outsider.id));
      assert.equal(roleEvents(await f.timeline(inc.id)).length, 0);
    });

    it('puts whoever is given a role on a TLP:RED incident on its access list', async () => {
      const viewerToken = await f.server.memberToken(f.customer.id, 'viewer', 'Vera Viewer');
      const vera = await me(viewerToken);
      const red = await f.incident({ tlp: 'TLP:RED' });
      assert.equal((await f.call('GET', `/api/v1/incidents/${red.id}`, undefined, viewerToken)).status, 404);
      const put = await f.call('PUT', `/api/v1/incidents/${red.id}/roles/scribe`, { userId: vera.id });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal((await f.call('GET', `/api/v1/incidents/${red.id}`, undefined, viewerToken)).status, 200);
      const answer = await roles(red.id, viewerToken);
      assert.equal(answer.roles.find((r) => r.role === 'scribe')?.holder?.userId, vera.id);
      assert.deepEqual(answer.candidates, [], 'a viewer, who may not change the incident, gets no one to pick');
    });

    it("answers another customer's member 404 for the roles of an incident", async () => {
      const inc = await f.incident();
      const other = await f.created('/api/v1/customers', { name: 'Elsewhere AS', code: 'ELS' });
      const stranger = await f.server.memberToken(other.id, 'manager', 'Stina Stranger');
      const strangerId = (await me(stranger)).id;
      const url = `/api/v1/incidents/${inc.id}/roles`;
      assert.equal((await f.call('GET', url, undefined, stranger)).status, 404);
      assert.equal((await f.call('PUT', `${url}/incident-manager`, { userId: strangerId }, stranger)).status, 404);
      assert.equal((await f.call('DELETE', `${url}/incident-manager`, undefined, stranger)).status, 404);
      assert.equal(roleEvents(await f.timeline(inc.id)).length, 0);
    });

    it('needs an incident manager named on the incident to leave assessing, then lets it go', async () => {
      const inc = await f.incident(CLASSIFIED);
      const move = (to: string) => f.call('POST', `/api/v1/incidents/${inc.id}/transitions`, { to, reason: 'Decided' });
      assert.equal((await move('assessing')).status, 200);
      for (const to of ['responding', 'dismissed']) {
        const blocked = await move(to);
        assert.equal(blocked.status, 409, to);
        assert.equal(blocked.body.error.field, 'to');
        assert.match(blocked.body.error.message, /Assign an incident manager before/);
      }
      const shown = (await f.call('GET', `/api/v1/incidents/${inc.id}`)).body;
      assert.match(shown.allowedTransitions.find((t: { to: string }) => t.to === 'responding').blockedBy, /incident manager/);
      const put = await f.call('PUT', `/api/v1/incidents/${inc.id}/roles/incident-manager`, {
        userId: await adminId(),
        expectedVersion: shown.version,
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal(put.body.allowedTransitions.find((t: { to: string }) => t.to === 'responding').blockedBy, null);
      assert.equal((await move('responding')).status, 200);
      const gone = await f.call('PUT', `/api/v1/incidents/${inc.id}/roles/scribe`, {
        userId: await adminId(),
        expectedVersion: shown.version,
      });
      assert.equal(gone.status, 409, 'a stale expectedVersion is refused');
      assert.equal(gone.body.error.field, 'expectedVersion');
    });

    it("falls back to the roster's holder linked to an account, who must still take the role on", async () => {
      const customer = await f.created('/api/v1/customers', { name: 'Rosterbyen', code: 'RSB' });
      const imToken = await f.server.memberToken(customer.id, 'responder', 'Ivar Incident');
      const ivar = await me(imToken);
      const typed = await f.created('/api/v1/contacts', { customerId: customer.id, name: 'Nils Noaccount', role: 'IM' });
      const linked = await f.created('/api/v1/contacts', {
        customerId: customer.id,
        name: 'Ivar Incident',
        role: 'Incident manager',
        channels: [{ type: 'email', address: 'ivar@rosterbyen.example' }],
      });
      await f.created('/api/v1/rosters', {
        customerId: customer.id,
        entries: [{ role: 'incident-manager', people: [typed.id, linked.id] }],
      });
      assert.equal((await f.call('PATCH', '/api/v1/auth/me', { contactId: linked.id }, imToken)).status, 200);
      const inc = await f.created('/api/v1/incidents', { title: 'Phishing wave', customerId: customer.id, ...CLASSIFIED });

      const fromRoster = (await roles(inc.id)).roles[0];
      assert.deepEqual(fromRoster.holder, { userId: ivar.id, name: 'Ivar Incident', via: 'roster' });
      assert.equal(fromRoster.assigned, null);
      await f.call('POST', `/api/v1/incidents/${inc.id}/transitions`, { to: 'assessing', reason: 'Real' });
      const blocked = await f.call('POST', `/api/v1/incidents/${inc.id}/transitions`, { to: 'responding', reason: 'Go' });
      assert.equal(blocked.status, 409, 'the roster’s holder has not taken the role on yet');

      const taken = await f.call('PUT', `/api/v1/incidents/${inc.id}/roles/incident-manager`, { userId: ivar.id }, imToken);
      assert.equal(taken.status, 200, JSON.stringify(taken.body));
      assert.deepEqual((await roles(inc.id)).roles[0].holder, { userId: ivar.id, name: 'Ivar Incident', via: 'incident' });
      const moved = await f.call('POST', `/api/v1/incidents/${inc.id}/transitions`, { to: 'responding', reason: 'Go' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
    });

    it('keeps the PATCH assignments path, a typed name included, and replaces a typed name through PUT', async () => {
      const inc = await f.incident();
      const patched = await f.call('PATCH', `/api/v1/incidents/${inc.id}`, { assignments: { legal: 'Lars Lawyer' } });
      assert.equal(patched.status, 200);
      const legal = (await roles(inc.id)).roles.find((r) => r.role === 'legal');
      assert.deepEqual([legal?.holder, legal?.assigned], [null, 'Lars Lawyer']);
      const admin = await adminId();
      assert.equal((await f.call('PUT', `/api/v1/incidents/${inc.id}/roles/legal`, { userId: admin })).status, 200);
      const [assigned] = roleEvents(await f.timeline(inc.id));
      assert.deepEqual(assigned.data, {
        role: 'legal',
        userId: admin,
        userName: 'Ada Admin',
        previous: { userId: null, userName: 'Lars Lawyer' },
      });
    });
  });
}
