import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { SYSTEM_ACTOR } from '../auth/policy.ts';
import { readStream } from '../core/events/events.queries.ts';
import { appendToIncident } from '../incidents/change-incident.ts';
import { type NotifyFixture, startNotifyFixture } from '../testing/notify-fixture.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { connectSse, type SseConnection } from '../testing/sse-client.ts';
import { testDialects } from '../testing/test-db.ts';

// A webhook URL is a credential: whoever has it posts as us. Every secret part of this one says SECRET.
const SECRET = /SECRET/;
const SECRET_PATH = '/hooks/T0SECRET/B0SECRET/XOXSECRET?token=QSECRET';
const VERSION = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version;

/** Every message of the live stream from the start up to the given position. */
async function streamUpTo(f: NotifyFixture, position: number): Promise<SseConnection> {
  const stream = await connectSse(`${f.server.url}/api/v1/stream`, { authorization: `Bearer ${f.admin}`, 'last-event-id': '0' });
  const deadline = Date.now() + 5000;
  while (!stream.messages.some((m) => Number(m.id) >= position)) {
    assert.ok(Date.now() < deadline, `the stream did not reach position ${position}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  stream.close();
  return stream;
}

for (const dialect of await testDialects()) {
  describe(`webhook URLs never reach the record, on ${dialect}`, () => {
    let f: NotifyFixture;
    let soc: { id: string; channels: { id: string; address: string }[] };
    let hookUrl: string;
    before(async () => {
      f = await startNotifyFixture(dialect);
      hookUrl = `${f.hook.url}${SECRET_PATH}`;
      soc = await f.created('/api/v1/contacts', {
        customerId: f.customer.id,
        name: 'SOC chat',
        kind: 'function',
        role: 'Management',
        channels: [{ type: 'webhook', address: hookUrl }],
      });
      await f.created('/api/v1/pace-plans', {
        customerId: f.customer.id,
        purpose: 'inform-management',
        levels: [
          {
            level: 'primary',
            contactId: soc.id,
            channelId: soc.channels[0].id,
            moveOn: { noAckMinutes: null, onDeliveryFailure: true, onChannelCompromised: true },
          },
          { level: 'alternate', contactId: f.ola.id, channelId: f.ola.channels[0].id },
        ],
      });
      await f.created(`/api/v1/customers/${f.customer.id}/plans`, { approver: 'Kari CISO' });
    });
    after(() => f.close());

    it('delivers to the URL with a User-Agent, and shows it nowhere: timeline, notification, stream, stored events, plan, offline kit', async () => {
      const inc = await f.incident();
      // First the receiver refuses, quoting the URL it was called on; the ladder moves on to e-mail.
      f.hook.reply = { status: 404, body: `no hook at ${hookUrl}` };
      const failed = await f.created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'inform-management' });
      await f.work();
      await f.work();
      f.hook.reply = { status: 200, body: 'ok' };
      const sent = await f.created(`/api/v1/incidents/${inc.id}/notifications`, { purpose: 'inform-management' });
      await f.work();
      const compromised = await f.call('POST', `/api/v1/incidents/${inc.id}/compromised-channels`, {
        channelId: soc.channels[0].id,
        scope: 'incident',
        reason: 'the chat workspace was taken over',
      });
      assert.equal(compromised.status, 204);

      assert.equal(f.hook.requests.length, 2);
      for (const request of f.hook.requests) {
        assert.equal(request.path, SECRET_PATH, 'the delivery itself uses the whole URL');
        assert.equal(request.headers['user-agent'], `Muster/${VERSION}`);
      }

      const timeline = await f.timeline(inc.id);
      const attempted = timeline.filter((e) => e.type === 'notification.attempted');
      assert.deepEqual(
        attempted.map((e) => [e.data.outcome, e.data.channel]),
        [
          ['failed', `webhook to SOC chat <${f.hook.url}/…>`],
          ['accepted', 'email to Ola Kontakt <ola@nordlys.example>'],
          ['accepted', `webhook to SOC chat <${f.hook.url}/…>`],
        ],
      );
      assert.match(attempted[0].data.reason ?? '', /webhook answered HTTP 404: no hook at http:\/\/127\.0\.0\.1:\d+\/…/);
      assert.ok(timeline.some((e) => e.type === 'channel.compromised'));
      assert.doesNotMatch(JSON.stringify(timeline), SECRET, 'timeline');

      for (const n of [failed, sent]) {
        const detail = await f.call('GET', `/api/v1/notifications/${n.id}`);
        assert.equal(detail.body.ladder[0].address, `${f.hook.url}/…`);
        assert.doesNotMatch(JSON.stringify(detail.body), SECRET, 'notification detail');
      }
      const list = await f.call('GET', `/api/v1/incidents/${inc.id}/notifications`);
      assert.equal(list.body.items.length, 2);
      assert.doesNotMatch(JSON.stringify(list.body), SECRET, 'notification list and compromised channels');

      const rows = await readStream(f.server.deps.database.db, inc.id);
      assert.ok(rows.length >= timeline.length);
      assert.doesNotMatch(rows.map((r) => r.data).join('\n'), SECRET, 'stored event bytes');

      const stream = await streamUpTo(f, timeline[timeline.length - 1].position);
      const fromIncident = stream.messages.filter((m) => m.event === 'timeline' && JSON.parse(m.data).incidentId === inc.id);
      assert.equal(fromIncident.length, timeline.length);
      assert.doesNotMatch(stream.messages.map((m) => m.data).join('\n'), SECRET, 'live stream');

      const incidentPlan = await f.call('GET', `/api/v1/incidents/${inc.id}/plan`);
      assert.ok(JSON.stringify(incidentPlan.body).includes('SOC chat'));
      assert.doesNotMatch(JSON.stringify(incidentPlan.body), SECRET, 'the incident plan');
    });

    it('prints no webhook URL in the published plan, the offline kit (HTML and PDF) or the PACE card', async () => {
      const current = await f.call('GET', `/api/v1/customers/${f.customer.id}/plans`);
      const planId = current.body.items[0].id;
      const plan = await f.call('GET', `/api/v1/plans/${planId}`);
      const contact = plan.body.snapshot.contacts.find((c: { name: string }) => c.name === 'SOC chat');
      assert.equal(contact.channels[0].address, `${f.hook.url}/…`);
      assert.doesNotMatch(JSON.stringify(plan.body), SECRET, 'plan version');
      const draft = await f.call('GET', `/api/v1/customers/${f.customer.id}/plan-draft`);
      assert.doesNotMatch(JSON.stringify(draft.body), SECRET, 'plan draft');

      for (const page of ['kit.html', 'pace-card.html']) {
        const html = await f.call('GET', `/api/v1/plans/${planId}/${page}`);
        assert.equal(html.status, 200);
        assert.ok(html.body.includes('SOC chat'), page);
        assert.doesNotMatch(html.body, SECRET, page);
      }
      const pdf = await f.server.request('GET', `/api/v1/plans/${planId}/kit.pdf`, { token: f.admin });
      const text = pdfText(Buffer.from(await pdf.arrayBuffer())).replace(/\s+/g, '');
      assert.ok(text.includes('SOCchat'), 'the PDF lists the contact');
      assert.doesNotMatch(text, SECRET, 'kit.pdf');
    });

    it("shows a webhook's scheme, host and port as they are in PACE warnings, the draft and the published plan", async () => {
      // The receiver listens on plain http and a port of its own: neither may turn into https or vanish.
      assert.match(f.hook.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const shown = `Signed webhook ${f.hook.url}/…`;
      const ladders = await f.call('GET', `/api/v1/pace-plans?customerId=${f.customer.id}`);
      const messages = JSON.stringify(ladders.body);
      assert.ok(messages.includes(`SOC chat's ${shown}`), `PACE warnings: ${messages}`);
      const draft = await f.call('GET', `/api/v1/customers/${f.customer.id}/plan-draft`);
      assert.ok(JSON.stringify(draft.body).includes(shown), 'the plan draft');
      const current = await f.call('GET', `/api/v1/customers/${f.customer.id}/plans`);
      const kit = await f.call('GET', `/api/v1/plans/${current.body.items[0].id}/kit.html`);
      assert.ok(kit.body.includes(`${f.hook.url}/…`), 'the offline kit');
      assert.doesNotMatch(messages, /https:\/\/127\.0\.0\.1\//);
    });

    it('gives the address whole to who may change the contact, and masked to a viewer', async () => {
      const manager = await f.server.memberToken(f.customer.id, 'manager');
      const viewer = await f.server.memberToken(f.customer.id, 'viewer');
      const mine = await f.call('GET', `/api/v1/contacts/${soc.id}`, undefined, manager);
      assert.equal(mine.body.channels[0].address, hookUrl, "the channel's edit form shows and keeps it");
      const theirs = await f.call('GET', `/api/v1/contacts/${soc.id}`, undefined, viewer);
      assert.equal(theirs.body.channels[0].address, `${f.hook.url}/…`);
      const list = await f.call('GET', `/api/v1/contacts?customerId=${f.customer.id}`, undefined, viewer);
      assert.doesNotMatch(JSON.stringify(list.body), SECRET, 'contact list for a viewer');
      const history = await f.call('GET', `/api/v1/contacts/${soc.id}/history`, undefined, viewer);
      assert.ok(history.body.events.length >= 1);
      assert.doesNotMatch(JSON.stringify(history.body), SECRET, 'contact history for a viewer');
      const own = await f.call('GET', `/api/v1/contacts/${soc.id}/history`, undefined, manager);
      assert.match(JSON.stringify(own.body), SECRET, 'the history of the record itself, for who may change it');
    });

    it('serves an event stored with a whole URL masked, and the hash chain still verifies', async () => {
      const inc = await f.incident();
      const stored = `webhook to SOC chat <${hookUrl}>`;
      // The shape notification events had before addresses were masked on the way in.
      await appendToIncident(f.server.deps, SYSTEM_ACTOR, inc.id, {
        decide: () => [
          {
            type: 'notification.attempted',
            data: {
              notificationId: 'old',
              level: 0,
              levelName: 'primary',
              at: new Date().toISOString(),
              channel: stored,
              outcome: 'failed',
              reason: `webhook URL "${hookUrl}" is not a valid URL`,
              providerId: null,
              attempt: 1,
            },
          },
          {
            type: 'channel.compromised',
            data: { channelId: 'x', channel: `webhook ${hookUrl} (SOC chat)`, scope: 'incident', reason: 'r' },
          },
        ],
      });
      const rows = await readStream(f.server.deps.database.db, inc.id);
      assert.match(rows.map((r) => r.data).join('\n'), SECRET, 'the stored bytes stay as they were');

      const timeline = await f.timeline(inc.id);
      const old = timeline.find((e) => e.type === 'notification.attempted');
      assert.equal(old?.data.channel, `webhook to SOC chat <${f.hook.url}/…>`);
      assert.doesNotMatch(JSON.stringify(timeline), SECRET, 'timeline');
      const stream = await streamUpTo(f, timeline[timeline.length - 1].position);
      assert.doesNotMatch(stream.messages.map((m) => m.data).join('\n'), SECRET, 'live stream');

      const integrity = await f.call('GET', `/api/v1/incidents/${inc.id}/integrity`);
      assert.equal(integrity.status, 200);
      assert.equal(integrity.body.valid, true, JSON.stringify(integrity.body));
    });
  });
}
