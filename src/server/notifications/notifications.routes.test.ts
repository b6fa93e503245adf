import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { DeliveryAttempt } from '../../shared/notification-types.ts';
import { MINUTE, type NotifyFixture, startNotifyFixture, WEBHOOK_SECRET } from '../testing/notify-fixture.ts';
import { testDialects } from '../testing/test-db.ts';
import { verifyWebhookSignature } from './channels/signed-webhook.ts';

for (const dialect of await testDialects()) {
  describe(`notifications on ${dialect}`, () => {
    let f: NotifyFixture;
    before(async () => {
      f = await startNotifyFixture(dialect);
    });
    beforeEach(() => f.reset());
    after(() => f.close());

    it('delivers on the primary level by e-mail and puts every attempt on the timeline', async () => {
      const inc = await f.incident({ description: 'Files encrypted on fs01.' });
      const sent = await f.created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' });
      assert.equal(sent.status, 'delivering');
      assert.equal(sent.ladder[sent.level].level, 'primary');
      await f.work();
      const [mail] = await f.sink.waitFor(1, 5000);
      assert.deepEqual(mail.to, ['ola@nordlys.example']);
      assert.equal(mail.subject, `[TLP:AMBER] ${inc.key}: Ransom note on the file server`);
      assert.match(mail.text, /Files encrypted on fs01\./);
      assert.equal(mail.messageId, `<${sent.id}.0@muster>`);
      f.linkIn(mail.text, 'ack');
      const after = await f.notification(sent.id);
      assert.equal(after.status, 'delivered');
      assert.equal(after.attempts[0].outcome, 'accepted');
      const types = (await f.timeline(inc.id)).map((e) => e.type);
      assert.deepEqual(types.slice(-2), ['notification.requested', 'notification.attempted']);
    });

    it('takes an acknowledgement through a signed single-use link without an account, and the ladder stops', async () => {
      const inc = await f.incident();
      const sent = await f.created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' });
      await f.work();
      const path = f.linkIn((await f.sink.waitFor(1, 5000))[0].text, 'ack');
      const page = await fetch(`${f.server.url}${path}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<form method="post"/);
      assert.ok(html.includes(`${inc.key}: Ransom note on the file server`), 'the page shows the subject, filled in');
      assert.doesNotMatch(html, /<script/);
      assert.equal((await f.notification(sent.id)).status, 'delivered', 'opening the page does not acknowledge');

      const acked = await f.postForm(path, { name: 'Ola Kontakt' });
      assert.equal(acked.status, 200);
      assert.match(await acked.text(), /Acknowledged at .* by Ola Kontakt/);
      const again = await f.postForm(path, { name: 'Someone Else' });
      assert.match(await again.text(), /by Ola Kontakt/, 'a second use changes nothing');
      const n = await f.notification(sent.id);
      assert.equal(n.status, 'acknowledged');
      assert.equal(n.acknowledgedBy, 'Ola Kontakt');

      f.advance(20 * MINUTE);
      await f.work();
      assert.equal(f.hook.requests.length, 0, 'no escalation after an acknowledgement');
      const acks = (await f.timeline(inc.id)).filter((e) => e.type === 'notification.acknowledged');
      assert.equal(acks.length, 1);
      assert.equal(acks[0].data.via, 'link');

      const forged = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      assert.equal((await fetch(`${f.server.url}${forged}`)).status, 404);
      f.advance(8 * 24 * 60 * MINUTE);
      const expired = await fetch(`${f.server.url}${path}`);
      assert.equal(expired.status, 410);
      assert.match(await expired.text(), /expired/);
    });

    it('moves to the next level when nobody acknowledges in time, with a signed webhook', async () => {
      const inc = await f.incident();
      const sent = await f.created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' });
      await f.work();
      f.advance(14 * MINUTE);
      await f.work();
      assert.equal(f.hook.requests.length, 0, 'not before the level’s 15 minutes');
      f.advance(2 * MINUTE);
      await f.work();
      assert.equal(f.hook.requests.length, 1);
      const request = f.hook.requests[0];
      assert.ok(verifyWebhookSignature(WEBHOOK_SECRET, request.headers as Record<string, string>, request.body, new Date()));
      const body = JSON.parse(request.body);
      assert.equal(body.incident.key, inc.key);
      assert.match(body.ackUrl, /\/ack\//);
      const escalated = (await f.timeline(inc.id)).find((e) => e.type === 'notification.escalated');
      assert.equal(escalated?.data.from, 'primary');
      assert.equal(escalated?.data.to, 'alternate');
      assert.match(escalated?.data.reason, /no acknowledgement within 15 min/);
      assert.equal((await f.notification(sent.id)).status, 'delivered');

      // The delivery id names the notification and the level it went out on, in the header, the body and e-mail.
      const delivery = `${sent.id}.1`;
      assert.equal(request.headers['x-muster-delivery'], delivery);
      assert.equal(body.id, delivery);
      assert.equal(f.sink.messages[0]?.messageId, `<${sent.id}.0@muster>`);
      const byDelivery = await f.call('GET', `/api/v1/notifications/${delivery}`);
      assert.equal(byDelivery.status, 200, JSON.stringify(byDelivery.body));
      assert.equal(byDelivery.body.id, sent.id);
      const noSuchLevel = await f.call('GET', `/api/v1/notifications/${sent.id}.7`);
      assert.equal(noSuchLevel.status, 404);
      assert.match(noSuchLevel.body.error.message, /delivery id.*has no level 7/);
    });

    it('moves on after bounded retries when SMTP refuses connections, then when the webhook answers 500 or hangs', async () => {
      f.sink.mode = 'refuse';
      f.hook.reply = { status: 500, body: 'boom' };
      const inc = await f.incident();
      const sent = await f.created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' });
      await f.work();
      f.advance(2_000); // the retry backoff of the first attempt is at most 1 s
      await f.work();
      let n = await f.notification(sent.id);
      assert.deepEqual(
        n.attempts.map((a: DeliveryAttempt) => [a.levelName, a.outcome]),
        [
          ['primary', 'failed'],
          ['primary', 'failed'],
          ['alternate', 'failed'],
        ],
      );
      assert.match(n.attempts[0].reason, /421|refus/i);
      assert.match(n.attempts[2].reason, /500/);
      f.hook.reply = 'hang';
      f.advance(2_000);
      const started = Date.now();
      await f.work();
      assert.ok(Date.now() - started < 5_000, 'a hanging webhook is cut off by the timeout');
      n = await f.notification(sent.id);
      assert.match(n.attempts[3].reason, /no answer within/);
      assert.equal(n.status, 'awaiting-person', 'the emergency level is a task for a person');
      assert.equal(n.ladder[n.level].instruction, 'Go to the muster point by the main gate (Ola Kontakt)');
      const events = await f.timeline(inc.id);
      assert.ok(events.some((e) => e.type === 'notification.task_created'));
      assert.equal(events.filter((e) => e.type === 'notification.escalated').length, 2);

      const done = await f.call('POST', `/api/v1/notifications/${sent.id}/acknowledgements`, { note: 'Met Ola at the gate' });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.status, 'acknowledged');
    });

    it('records whether a ladder that ran out had been delivered: nobody acknowledged it, or nobody could be sent it', async () => {
      const inc = await f.incident();
      // The responders' ladder has one e-mail level that moves on after 15 minutes without an acknowledgement.
      const delivered = await f.created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'coordinate-responders' });
      await f.work();
      await f.sink.waitFor(1, 5000);
      f.advance(16 * MINUTE);
      await f.work();
      assert.equal((await f.notification(delivered.id)).status, 'exhausted');

      f.sink.mode = 'refuse';
      const refused = await f.created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-authority' });
      await f.work();
      f.advance(2_000); // the retry backoff of the first attempt is at most 1 s
      await f.work();
      const never = await f.notification(refused.id);
      assert.equal(never.status, 'exhausted');
      assert.ok(never.attempts.every((a: DeliveryAttempt) => a.outcome === 'failed'));

      const exhausted = (await f.timeline(inc.id)).filter((e) => e.type === 'notification.exhausted');
      const of = (id: string) => exhausted.find((e) => e.data.notificationId === id)?.data;
      assert.equal(of(delivered.id)?.delivered, true, 'its e-mail was accepted: it reached the duty desk');
      assert.match(String(of(delivered.id)?.reason), /no acknowledgement within 15 min/);
      assert.equal(of(refused.id)?.delivered, false, 'no level took it');
    });

    it('sends TLP:RED content only to channels cleared for it and marks exercises', async () => {
      const red = await f.incident({ tlp: 'TLP:RED', description: 'The attacker is in the CEO mailbox.', exercise: true });
      await f.created(`/api/v1/incidents/${red.id}/notifications`, { purpose: 'notify-customer' });
      await f.work();
      const [mail] = await f.sink.waitFor(1, 5000);
      assert.match(mail.subject, /^EXERCISE \[TLP:RED\] /);
      assert.doesNotMatch(mail.subject, /CEO|Ransom/);
      assert.doesNotMatch(mail.text, /CEO mailbox/);
      assert.match(mail.text, /Log in to Muster/);
      assert.match(mail.text, /EXERCISE/);

      const cleared = await f.created('/api/v1/pace-plans', {
        customerId: f.customer.id,
        purpose: 'inform-management',
        levels: [{ level: 'primary', contactId: f.ola.id, channelId: f.ola.channels[3].id }],
      });
      assert.ok(cleared.id);
      await f.created(`/api/v1/incidents/${red.id}/notifications`, { purpose: 'inform-management' });
      await f.work();
      const [, secure] = await f.sink.waitFor(2, 5000);
      assert.deepEqual(secure.to, ['secure@nordlys.example']);
      assert.match(secure.text, /CEO mailbox/);
    });

    it('moves communication to a level on request and skips channels declared compromised', async () => {
      const inc = await f.incident();
      const first = await f.created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' });
      await f.work();
      assert.equal(f.sink.messages.length, 1);
      const moved = await f.call('POST', `/api/v1/incidents/${inc.id}/communication-level`, {
        level: 'alternate',
        reason: 'E-mail is run by the attacker',
      });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.communicationLevel, 'alternate');
      await f.work();
      assert.equal(f.hook.requests.length, 1, 'the open notification moved up at once');
      assert.equal((await f.notification(first.id)).ladder[(await f.notification(first.id)).level].level, 'alternate');

      const second = await f.created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' });
      assert.equal(second.ladder[second.level].level, 'alternate', 'new notifications start at the chosen level');
      await f.work();

      const declared = await f.call('POST', `/api/v1/incidents/${inc.id}/compromised-channels`, {
        channelId: f.ola.channels[1].id,
        scope: 'customer',
        reason: 'Webhook host breached',
      });
      assert.equal(declared.status, 204, JSON.stringify(declared.body));
      await f.work();
      assert.equal((await f.notification(second.id)).status, 'awaiting-person', 'moved past the compromised webhook');
      const other = await f.incident();
      const third = await f.created(`/api/v1/incidents/${other.id}/notifications`, { purpose: 'notify-customer' });
      await f.work();
      const n = await f.notification(third.id);
      assert.equal(n.attempts.length, 1, 'e-mail is fine for another incident');
      assert.equal(f.sink.messages.length, 2);
      assert.ok((await f.timeline(inc.id)).some((e) => e.type === 'channel.compromised'));

      const noReason = await f.call('POST', `/api/v1/incidents/${inc.id}/communication-level`, {
        level: 'emergency',
        reason: '',
      });
      assert.equal(noReason.status, 400);
    });

    it('answers bad requests with errors naming the problem', async () => {
      const inc = await f.incident();
      const unknown = await f.call('POST', `/api/v1/incidents/${inc.id}/notifications`, { purpose: 'tell-everyone' });
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.error.message, /purpose/);
      const noLadder = await f.call('POST', `/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-data-subjects' });
      assert.equal(noLadder.status, 409);
      assert.match(noLadder.body.error.message, /PACE ladder/);
      const viewer = await f.server.userToken('viewer');
      const forbidden = await f.call('POST', `/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' }, viewer);
      assert.equal(forbidden.status, 404, 'a viewer without membership does not see the customer’s incident');
      const half = await f.call('POST', `/api/v1/incidents/${inc.id}/notifications`, {
        purpose: 'notify-customer',
        obligationId: 'x',
      });
      assert.equal(half.status, 400);
      const notInPlan = await f.call('POST', `/api/v1/incidents/${inc.id}/notifications`, {
        purpose: 'notify-customer',
        obligationId: 'nis2-art-23',
        stageId: 'early-warning',
      });
      assert.equal(notInPlan.status, 400, "only an obligation of the incident's own plan can be submitted");
      assert.equal(notInPlan.body.error.field, 'obligationId');
      assert.equal((await fetch(`${f.server.url}/ack/nonsense`)).status, 404);
    });
  });
}
