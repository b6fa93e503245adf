import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Notification } from '../../shared/notification-types.ts';
import { MINUTE, type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { testDialects } from '../testing/test-db.ts';

type Listed = { incidentId: string; exercise: boolean };

const HOUR = 60 * MINUTE;

for (const dialect of await testDialects()) {
  describe(`deadlines on ${dialect}`, () => {
    let f: NotifyFixture;
    before(async () => {
      f = await startNotifyFixture(dialect);
    });
    beforeEach(() => f.reset());
    after(() => f.close());
    const clock = async (incidentId: string) =>
      (await f.call('GET', '/api/v1/deadlines?scope=all')).body.items.find(
        (d: { incidentId: string }) => d.incidentId === incidentId,
      );

    it('starts the GDPR clock at awareness, reminds the team, records a miss and is met only by a submission', async () => {
      const awareAt = new Date(Date.now() - 2 * HOUR).toISOString();
      const inc = await f.incident({ personalData: true, awareAt });
      let d = await clock(inc.id);
      assert.equal(d.obligationId, 'gdpr-art-33');
      assert.equal(d.status, 'running');
      assert.equal(d.dueAt, new Date(Date.parse(awareAt) + 72 * HOUR).toISOString());
      assert.equal(d.startedAt, awareAt, 'a clock that starts late shows how much is gone');

      f.advance(70 * HOUR - 30 * MINUTE); // 1.5 h before due: the 4 h and 24 h reminders are due
      await f.work();
      const reminders = f.sink.messages.filter((m) => m.to.includes('duty@csirt.example'));
      assert.ok(reminders.length >= 1, 'the responders were reminded');
      assert.match(reminders[0].subject, new RegExp(`Due in .*GDPR.*${inc.key}`));

      f.advance(2 * HOUR);
      await f.work();
      d = await clock(inc.id);
      assert.equal(d.status, 'overdue');
      assert.ok(d.missedAt);
      const missed = (await f.timeline(inc.id)).filter((e) => e.type === 'deadline.missed');
      assert.equal(missed.length, 1);

      const bad = await f.call('POST', `/api/v1/incidents/${inc.id}/obligations/gdpr-art-33/stages/notification/submissions`, {
        reference: '',
      });
      assert.equal(bad.status, 400);
      const backdated = await f.call(
        'POST',
        `/api/v1/incidents/${inc.id}/obligations/gdpr-art-33/stages/notification/submissions`,
        {
          reference: 'DPA-old',
          submittedAt: '2025-01-01T00:00:00Z',
        },
      );
      assert.equal(backdated.status, 400, 'a submission before the incident began is refused');
      assert.equal(backdated.body.error.field, 'submittedAt');
      const met = await f.created(`/api/v1/incidents/${inc.id}/obligations/gdpr-art-33/stages/notification/submissions`, {
        reference: 'DPA-2026-0042',
      });
      assert.equal(met.submissions['gdpr-art-33/notification'].reference, 'DPA-2026-0042');
      d = await clock(inc.id);
      assert.equal(d.status, 'met-late');
      assert.ok(d.missedAt, 'the miss stays visible');
      const open = (await f.call('GET', '/api/v1/deadlines')).body.items.filter(
        (x: { incidentId: string }) => x.incidentId === inc.id,
      );
      assert.equal(open.length, 0, 'a met clock leaves the open list');
      const twice = await f.call('POST', `/api/v1/incidents/${inc.id}/obligations/gdpr-art-33/stages/notification/submissions`, {
        reference: 'again',
      });
      assert.equal(twice.status, 409);
    });

    it('marks the clocks of an exercise incident as exercise, and follows the incident when that changes', async () => {
      const drill = await f.incident({ personalData: true, exercise: true, title: 'Tabletop: ransomware' });
      const real = await f.incident({ personalData: true });
      const listed = (await f.call('GET', '/api/v1/deadlines')).body.items;
      assert.equal(listed.find((d: Listed) => d.incidentId === drill.id)?.exercise, true);
      assert.equal(listed.find((d: Listed) => d.incidentId === real.id)?.exercise, false);

      const edited = await f.call('PATCH', `/api/v1/incidents/${real.id}`, { exercise: true, expectedVersion: real.version });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal((await clock(real.id)).exercise, true, 'an incident turned into an exercise takes its clocks along');
    });

    it('meets a stage by a delivered notification to its recipient, and waives only with a reason', async () => {
      const inc = await f.incident({ personalData: true });
      await f.created(`/api/v1/incidents/${inc.id}/notifications`, {
        purpose: 'notify-authority',
        obligationId: 'gdpr-art-33',
        stageId: 'notification',
      });
      await f.work();
      const [mail] = await f.sink.waitFor(1, 5000);
      assert.deepEqual(mail.to, ['breach@authority.example']);
      const after = (await f.call('GET', `/api/v1/incidents/${inc.id}`)).body;
      assert.equal(after.submissions['gdpr-art-33/notification'].via, 'notification');
      assert.equal((await clock(inc.id)).status, 'met');

      const other = await f.incident({ personalData: true });
      const noReason = await f.call('POST', `/api/v1/incidents/${other.id}/obligations/gdpr-art-33/stages/notification/waivers`, {
        reason: ' ',
      });
      assert.equal(noReason.status, 400);
      await f.created(`/api/v1/incidents/${other.id}/obligations/gdpr-art-33/stages/notification/waivers`, {
        reason: 'The data was encrypted with a key the attacker cannot have',
      });
      assert.equal((await clock(other.id)).status, 'waived');
      const unknown = await f.call('POST', `/api/v1/incidents/${other.id}/obligations/nis2/stages/x/waivers`, { reason: 'x' });
      assert.equal(unknown.status, 404);
    });

    it('meets a stage when a person records the manual level of its notification as done', async () => {
      const inc = await f.incident({ personalData: true });
      await f.call('POST', `/api/v1/incidents/${inc.id}/communication-level`, { level: 'emergency', reason: 'All systems down' });
      const sent = await f.created(`/api/v1/incidents/${inc.id}/notifications`, {
        purpose: 'notify-customer',
        obligationId: 'gdpr-art-33',
        stageId: 'notification',
      });
      await f.work();
      assert.equal((await f.notification(sent.id)).status, 'awaiting-person');
      assert.equal((await clock(inc.id)).status, 'running', 'a task handed to a person is not yet a submission');
      const done = await f.call('POST', `/api/v1/notifications/${sent.id}/acknowledgements`, { note: 'Handed over on paper' });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      const after = (await f.call('GET', `/api/v1/incidents/${inc.id}`)).body;
      assert.match(after.submissions['gdpr-art-33/notification'].note, /Handed over on paper/);
      const ack = (await f.timeline(inc.id)).find((e) => e.type === 'notification.acknowledged');
      assert.equal(ack?.data.recipient, 'Ola Kontakt', 'the timeline can say for whom it was done');
      assert.equal(ack?.data.byHand, true, 'and that a person delivered it');
      assert.equal(ack?.data.purpose, 'notify-customer');
      assert.equal((await clock(inc.id)).status, 'met');
    });

    it('prepares the first report to the customer at DP1 of an attack, ready to send with one click', async () => {
      const service = await f.created('/api/v1/services', {
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
        ],
      });
      const inc = await f.incident({ origin: 'attack', serviceIds: [service.id] });
      const confirmed = await f.call('POST', `/api/v1/incidents/${inc.id}/transitions`, {
        to: 'assessing',
        reason: 'Ransom note confirmed by the customer',
      });
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
      await f.work();
      const list = (await f.call('GET', `/api/v1/incidents/${inc.id}/notifications`)).body.items;
      const draft = list.find((n: Notification) => n.status === 'draft');
      assert.ok(draft, `a draft was prepared: ${JSON.stringify(list)}`);
      assert.match(draft.body, /sap\.nordlys\.internal/);
      assert.equal(f.sink.messages.length, 0, 'nothing is sent before the click');
      const sent = await f.call('POST', `/api/v1/notifications/${draft.id}/send`);
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      await f.work();
      const [mail] = await f.sink.waitFor(1, 5000);
      assert.match(mail.text, /Payroll → sap\.nordlys\.internal/);
      assert.equal((await f.call('POST', `/api/v1/notifications/${draft.id}/send`)).status, 409);
    });
  });
}
