import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import { type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { testDialects } from '../testing/test-db.ts';
import { sendNotification } from './send-notification.ts';

for (const dialect of await testDialects()) {
  describe(`telling one person on ${dialect}`, () => {
    let f: NotifyFixture;
    before(async () => {
      f = await startNotifyFixture(dialect);
    });
    beforeEach(() => f.reset());
    after(() => f.close());

    const me = async (token: string) => (await f.call('GET', '/api/v1/auth/me', undefined, token)).body.user;
    const tell = (incidentId: string, userId: string) =>
      sendNotification(f.server.deps, SYSTEM_ACTOR, incidentId, {
        purpose: 'coordinate-responders',
        to: { userId },
        subject: 'You are the incident manager of {{incident.key}}',
      });

    it('reaches a user through the channels of the contact they are linked to, and else their account e-mail', async () => {
      const token = await f.server.userToken('responder', 'Rita Responder');
      const rita = await me(token);
      const inc = await f.incident();

      const unlinked = await tell(inc.id, rita.id);
      assert.deepEqual(
        unlinked.ladder.map((s) => [s.channelType, s.address]),
        [['email', rita.email]],
      );
      const contact = await f.created('/api/v1/contacts', {
        name: 'Rita Responder',
        role: 'Responder',
        channels: [
          { type: 'manual', address: 'Knock on her door' },
          { type: 'email', address: 'rita.private@example.test' },
        ],
      });
      const linked = await f.call('PATCH', '/api/v1/auth/me', { contactId: contact.id }, token);
      assert.equal(linked.status, 200, JSON.stringify(linked.body));
      assert.equal(linked.body.user.contactId, contact.id);
      assert.equal((await me(token)).contactId, contact.id);

      const n = await tell(inc.id, rita.id);
      assert.deepEqual(
        n.ladder.map((s) => [s.level, s.channelType, s.address]),
        [['primary', 'email', 'rita.private@example.test']],
        'a channel a person must work by hand is left out of a message to oneself',
      );
      await f.work();
      const mail = await f.sink.waitFor(2, 5000);
      assert.deepEqual(mail.flatMap((m) => m.to).sort(), [rita.email, 'rita.private@example.test'].sort());
      const requested = (await f.timeline(inc.id)).filter((e) => e.type === 'notification.requested');
      assert.deepEqual(
        requested.map((e) => (e.data as { to?: { userId: string } }).to?.userId),
        [rita.id, rita.id],
      );
    });

    it('refuses to link a contact that does not exist or is a function, naming contactId', async () => {
      const token = await f.server.userToken('responder');
      const missing = await f.call('PATCH', '/api/v1/auth/me', { contactId: 'nope' }, token);
      assert.equal(missing.status, 400);
      assert.equal(missing.body.error.field, 'contactId');
      const desk = await f.created('/api/v1/contacts', {
        name: 'Service desk',
        kind: 'function',
        role: 'Desk',
        channels: [{ type: 'email', address: 'desk@example.test' }],
      });
      const fn = await f.call('PATCH', '/api/v1/auth/me', { contactId: desk.id }, token);
      assert.equal(fn.status, 400);
      assert.match(fn.body.error.message, /person/);
      const users = (await f.call('GET', '/api/v1/users')).body.items;
      const admin = users.find((u: { role: string }) => u.role === 'admin');
      const byAdmin = await f.call('PATCH', `/api/v1/users/${admin.id}`, { contactId: null });
      assert.equal(byAdmin.status, 200);
      assert.equal(byAdmin.body.contactId, null);
    });
  });
}
