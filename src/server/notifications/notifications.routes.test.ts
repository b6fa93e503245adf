import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type HttpRecorder, startHttpRecorder } from '../core/testing/http-recorder.ts';
import { type SmtpSink, startSmtpSink } from '../core/testing/smtp-sink.ts';
import { testDialects } from '../core/testing/test-db.ts';
import { startTestServer, type TestServer } from '../core/testing/test-server.ts';
import { verifyWebhookSignature } from './channels/signed-webhook.ts';

const WEBHOOK_SECRET = 'test-webhook-secret';
const MINUTE = 60_000;

for (const dialect of await testDialects()) {
  describe(`notifications on ${dialect}`, () => {
    let server: TestServer;
    let sink: SmtpSink;
    let hook: HttpRecorder;
    let admin: string;
    let customer: { id: string };
    let ola: { id: string; channels: { id: string; type: string }[] };
    let offsetMs = 0; // the server's clock runs this far ahead of the real one
    const advance = (ms: number) => {
      offsetMs += ms;
    };
    const call = async (method: string, url: string, body?: unknown, token = admin) => {
      const res = await server.request(method, url, { token, body });
      const text = await res.text();
      const json = res.headers.get('content-type')?.includes('json');
      return { status: res.status, body: text && json ? JSON.parse(text) : text };
    };
    const opened: string[] = [];
    const created = async (url: string, body: unknown) => {
      const res = await call('POST', url, body);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      if (url.endsWith('/notifications')) opened.push(res.body.id);
      return res.body;
    };
    const work = () => server.worker.runDue();
    const timeline = async (id: string) => (await call('GET', `/api/v1/incidents/${id}/timeline`)).body.events as { type: string; data: any }[];
    const notification = async (id: string) => (await call('GET', `/api/v1/notifications/${id}`)).body;
    const incident = (fields: Record<string, unknown> = {}) =>
      created('/api/v1/incidents', { title: 'Ransom note on the file server', customerId: customer.id, ...fields });
    const linkIn = (text: string, kind: 'ack' | 'answer') => {
      const match = text.match(new RegExp(`https?://\\S+/${kind}/\\S+`));
      assert.ok(match, `no ${kind} link in: ${text}`);
      return new URL(match[0]).pathname;
    };
    const postForm = (path: string, form: Record<string, string>) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });

    before(async () => {
      sink = await startSmtpSink();
      hook = await startHttpRecorder();
      server = await startTestServer({
        dialect,
        clock: { now: () => new Date(Date.now() + offsetMs) },
        worker: { autoStart: false },
        env: { SMTP_URL: sink.url, WEBHOOK_SECRET, NOTIFY_ATTEMPTS_PER_LEVEL: '2', NOTIFY_TIMEOUT_MS: '700' },
      });
      admin = await server.userToken('admin', 'Ada Admin');
      customer = await created('/api/v1/customers', { name: 'Nordlys Energi', code: 'NLE', timeZone: 'Europe/Oslo' });
      ola = await created('/api/v1/contacts', {
        customerId: customer.id,
        name: 'Ola Kontakt',
        role: 'Customer contact point',
        channels: [
          { type: 'email', address: 'ola@nordlys.example' },
          { type: 'webhook', address: `${hook.url}/muster` },
          { type: 'manual', address: 'Go to the muster point by the main gate' },
          { type: 'email', address: 'secure@nordlys.example', clearedForRed: true },
        ],
      });
      const team = await created('/api/v1/contacts', {
        name: 'CSIRT duty',
        kind: 'function',
        role: 'Incident manager',
        channels: [{ type: 'email', address: 'duty@csirt.example' }],
      });
      const authority = await created('/api/v1/contacts', {
        name: 'Datatilsynet',
        kind: 'function',
        role: 'Supervisory authority',
        channels: [{ type: 'email', address: 'breach@authority.example' }],
      });
      await created('/api/v1/pace-plans', {
        customerId: customer.id,
        purpose: 'notify-customer',
        levels: [
          { level: 'primary', contactId: ola.id, channelId: ola.channels[0].id },
          { level: 'alternate', contactId: ola.id, channelId: ola.channels[1].id },
          { level: 'emergency', contactId: ola.id, channelId: ola.channels[2].id },
        ],
      });
      await created('/api/v1/pace-plans', {
        purpose: 'coordinate-responders',
        levels: [{ level: 'primary', contactId: team.id, channelId: team.channels[0].id }],
      });
      await created('/api/v1/pace-plans', {
        purpose: 'notify-authority',
        levels: [{ level: 'primary', contactId: authority.id, channelId: authority.channels[0].id }],
      });
      await created('/api/v1/obligations', { customerId: customer.id, libraryId: 'gdpr-art-33', recipientContactId: authority.id });
      await created(`/api/v1/customers/${customer.id}/plans`, { approver: 'Kari CISO' });
    });
    beforeEach(async () => {
      // Each test starts with no notification of an earlier one still walking its ladder.
      for (const id of opened.splice(0)) await call('POST', `/api/v1/notifications/${id}/acknowledgements`, {});
      await work();
      sink.messages.length = 0;
      sink.mode = 'accept';
      hook.requests.length = 0;
      hook.reply = { status: 200, body: 'ok' };
    });
    after(async () => {
      await server.close();
      await sink.close();
      await hook.close();
    });

    it('delivers on the primary level by e-mail and puts every attempt on the timeline', async () => {
      const inc = await incident({ description: 'Files encrypted on fs01.' });
      const sent = await created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' });
      assert.equal(sent.status, 'delivering');
      assert.equal(sent.ladder[sent.level].level, 'primary');
      await work();
      const [mail] = await sink.waitFor(1, 5000);
      assert.deepEqual(mail.to, ['ola@nordlys.example']);
      assert.equal(mail.subject, `[TLP:AMBER] ${inc.key}: Ransom note on the file server`);
      assert.match(mail.text, /Files encrypted on fs01\./);
      assert.equal(mail.messageId, `<${sent.id}.0@muster>`);
      linkIn(mail.text, 'ack');
      const after = await notification(sent.id);
      assert.equal(after.status, 'delivered');
      assert.equal(after.attempts[0].outcome, 'accepted');
      const types = (await timeline(inc.id)).map((e) => e.type);
      assert.deepEqual(types.slice(-2), ['notification.requested', 'notification.attempted']);
    });

    it('takes an acknowledgement through a signed single-use link without an account, and the ladder stops', async () => {
      const inc = await incident();
      const sent = await created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' });
      await work();
      const path = linkIn((await sink.waitFor(1, 5000))[0].text, 'ack');
      const page = await fetch(`${server.url}${path}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /<form method="post"/);
      assert.doesNotMatch(html, /<script/);
      assert.equal((await notification(sent.id)).status, 'delivered', 'opening the page does not acknowledge');

      const acked = await postForm(path, { name: 'Ola Kontakt' });
      assert.equal(acked.status, 200);
      assert.match(await acked.text(), /Acknowledged at .* by Ola Kontakt/);
      const again = await postForm(path, { name: 'Someone Else' });
      assert.match(await again.text(), /by Ola Kontakt/, 'a second use changes nothing');
      const n = await notification(sent.id);
      assert.equal(n.status, 'acknowledged');
      assert.equal(n.acknowledgedBy, 'Ola Kontakt');

      advance(20 * MINUTE);
      await work();
      assert.equal(hook.requests.length, 0, 'no escalation after an acknowledgement');
      const acks = (await timeline(inc.id)).filter((e) => e.type === 'notification.acknowledged');
      assert.equal(acks.length, 1);
      assert.equal(acks[0].data.via, 'link');

      const forged = path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      assert.equal((await fetch(`${server.url}${forged}`)).status, 404);
      advance(8 * 24 * 60 * MINUTE);
      const expired = await fetch(`${server.url}${path}`);
      assert.equal(expired.status, 410);
      assert.match(await expired.text(), /expired/);
    });

    it('moves to the next level when nobody acknowledges in time, with a signed webhook', async () => {
      const inc = await incident();
      const sent = await created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' });
      await work();
      advance(14 * MINUTE);
      await work();
      assert.equal(hook.requests.length, 0, 'not before the level’s 15 minutes');
      advance(2 * MINUTE);
      await work();
      assert.equal(hook.requests.length, 1);
      const request = hook.requests[0];
      assert.ok(verifyWebhookSignature(WEBHOOK_SECRET, request.headers as Record<string, string>, request.body, new Date()));
      const body = JSON.parse(request.body);
      assert.equal(body.incident.key, inc.key);
      assert.match(body.ackUrl, /\/ack\//);
      const escalated = (await timeline(inc.id)).find((e) => e.type === 'notification.escalated');
      assert.equal(escalated?.data.from, 'primary');
      assert.equal(escalated?.data.to, 'alternate');
      assert.match(escalated?.data.reason, /no acknowledgement within 15 min/);
      assert.equal((await notification(sent.id)).status, 'delivered');
    });

    it('moves on after bounded retries when SMTP refuses connections, then when the webhook answers 500 or hangs', async () => {
      sink.mode = 'refuse';
      hook.reply = { status: 500, body: 'boom' };
      const inc = await incident();
      const sent = await created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' });
      await work();
      advance(2_000); // the retry backoff of the first attempt is at most 1 s
      await work();
      let n = await notification(sent.id);
      assert.deepEqual(
        n.attempts.map((a: any) => [a.levelName, a.outcome]),
        [
          ['primary', 'failed'],
          ['primary', 'failed'],
          ['alternate', 'failed'],
        ],
      );
      assert.match(n.attempts[0].reason, /421|refus/i);
      assert.match(n.attempts[2].reason, /500/);
      hook.reply = 'hang';
      advance(2_000);
      const started = Date.now();
      await work();
      assert.ok(Date.now() - started < 5_000, 'a hanging webhook is cut off by the timeout');
      n = await notification(sent.id);
      assert.match(n.attempts[3].reason, /no answer within/);
      assert.equal(n.status, 'awaiting-person', 'the emergency level is a task for a person');
      assert.equal(n.ladder[n.level].instruction, 'Go to the muster point by the main gate (Ola Kontakt)');
      const events = await timeline(inc.id);
      assert.ok(events.some((e) => e.type === 'notification.task_created'));
      assert.equal(events.filter((e) => e.type === 'notification.escalated').length, 2);

      const done = await call('POST', `/api/v1/notifications/${sent.id}/acknowledgements`, { note: 'Met Ola at the gate' });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.status, 'acknowledged');
    });

    it('sends TLP:RED content only to channels cleared for it and marks exercises', async () => {
      const red = await incident({ tlp: 'TLP:RED', description: 'The attacker is in the CEO mailbox.', exercise: true });
      await created(`/api/v1/incidents/${red.id}/notifications`, { purpose: 'notify-customer' });
      await work();
      const [mail] = await sink.waitFor(1, 5000);
      assert.match(mail.subject, /^EXERCISE \[TLP:RED\] /);
      assert.doesNotMatch(mail.subject, /CEO|Ransom/);
      assert.doesNotMatch(mail.text, /CEO mailbox/);
      assert.match(mail.text, /Log in to Muster/);
      assert.match(mail.text, /EXERCISE/);

      const cleared = await created('/api/v1/pace-plans', {
        customerId: customer.id,
        purpose: 'inform-management',
        levels: [{ level: 'primary', contactId: ola.id, channelId: ola.channels[3].id }],
      });
      assert.ok(cleared.id);
      await created(`/api/v1/incidents/${red.id}/notifications`, { purpose: 'inform-management' });
      await work();
      const [, secure] = await sink.waitFor(2, 5000);
      assert.deepEqual(secure.to, ['secure@nordlys.example']);
      assert.match(secure.text, /CEO mailbox/);
    });

    it('moves communication to a level on request and skips channels declared compromised', async () => {
      const inc = await incident();
      const first = await created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' });
      await work();
      assert.equal(sink.messages.length, 1);
      const moved = await call('POST', `/api/v1/incidents/${inc.id}/communication-level`, {
        level: 'alternate',
        reason: 'E-mail is run by the attacker',
      });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.communicationLevel, 'alternate');
      await work();
      assert.equal(hook.requests.length, 1, 'the open notification moved up at once');
      assert.equal((await notification(first.id)).ladder[(await notification(first.id)).level].level, 'alternate');

      const second = await created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' });
      assert.equal(second.ladder[second.level].level, 'alternate', 'new notifications start at the chosen level');
      await work();

      const declared = await call('POST', `/api/v1/incidents/${inc.id}/compromised-channels`, {
        channelId: ola.channels[1].id,
        scope: 'customer',
        reason: 'Webhook host breached',
      });
      assert.equal(declared.status, 204, JSON.stringify(declared.body));
      await work();
      assert.equal((await notification(second.id)).status, 'awaiting-person', 'moved past the compromised webhook');
      const other = await incident();
      const third = await created(`/api/v1/incidents/${other.id}/notifications`, { purpose: 'notify-customer' });
      await work();
      const n = await notification(third.id);
      assert.equal(n.attempts.length, 1, 'e-mail is fine for another incident');
      assert.equal(sink.messages.length, 2);
      assert.ok((await timeline(inc.id)).some((e) => e.type === 'channel.compromised'));

      const noReason = await call('POST', `/api/v1/incidents/${inc.id}/communication-level`, { level: 'emergency', reason: '' });
      assert.equal(noReason.status, 400);
    });

    it('answers bad requests with errors naming the problem', async () => {
      const inc = await incident();
      const unknown = await call('POST', `/api/v1/incidents/${inc.id}/notifications`, { purpose: 'tell-everyone' });
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.error.message, /purpose/);
      const noLadder = await call('POST', `/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-data-subjects' });
      assert.equal(noLadder.status, 409);
      assert.match(noLadder.body.error.message, /PACE ladder/);
      const viewer = await server.userToken('viewer');
      const forbidden = await call('POST', `/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer' }, viewer);
      assert.equal(forbidden.status, 404, 'a viewer without membership does not see the customer’s incident');
      const half = await call('POST', `/api/v1/incidents/${inc.id}/notifications`, { purpose: 'notify-customer', obligationId: 'x' });
      assert.equal(half.status, 400);
      assert.equal((await fetch(`${server.url}/ack/nonsense`)).status, 404);
    });
  });
}
