import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type HttpRecorder, startHttpRecorder } from '../../testing/http-recorder.ts';
import type { ChannelSettings, OutgoingMessage } from './channel.ts';
import { deliverToChat, mattermostPayload, slackPayload, teamsPayload } from './chat-webhooks.ts';

const settings = (timeoutMs = 2000): ChannelSettings => ({
  smtpUrl: null,
  mailFrom: 'Muster <muster@localhost>',
  webhookSecret: null,
  webhookKey: 'k',
  smsGateway: null,
  timeoutMs,
  attemptsPerLevel: 3,
  reminderOffsetsMinutes: [],
});

const message: OutgoingMessage = {
  id: 'n-1',
  subject: 'INC-2026-0007: <ransomware> on file server',
  text: 'Severity: high\nOpen: http://localhost:8080/incidents/INC-2026-0007',
  ackUrl: 'http://localhost:8080/ack/abc',
  incident: { key: 'INC-2026-0007', title: 'Ransomware', tlp: 'TLP:AMBER', exercise: true, url: 'http://localhost:8080/i/7' },
};

describe('chat payloads', () => {
  it('slackPayload has a fallback text, the message in a section block and an Acknowledge link button', () => {
    const payload = slackPayload(message);
    assert.equal(payload.text, message.subject);
    const section = payload.blocks.find((b) => b.type === 'section') as { text: { type: string; text: string } };
    assert.equal(section.text.type, 'mrkdwn');
    assert.equal(section.text.text, message.text);
    const actions = payload.blocks.find((b) => b.type === 'actions') as { elements: Record<string, unknown>[] };
    assert.deepEqual(actions.elements[0], {
      type: 'button',
      action_id: 'muster-acknowledge',
      style: 'primary',
      text: { type: 'plain_text', text: 'Acknowledge' },
      url: message.ackUrl,
    });
    assert.match(JSON.stringify(payload), /EXERCISE · INC-2026-0007 · TLP:AMBER/);
  });

  it('slackPayload escapes markup and leaves the button out when no acknowledgement is asked', () => {
    const payload = slackPayload({ ...message, text: 'a <b> & c', ackUrl: null, incident: null });
    const section = payload.blocks.find((b) => b.type === 'section') as { text: { text: string } };
    assert.equal(section.text.text, 'a &lt;b&gt; &amp; c');
    assert.equal(
      payload.blocks.some((b) => b.type === 'actions'),
      false,
    );
  });

  it('slackPayload keeps block texts within Slack limits', () => {
    const payload = slackPayload({ ...message, subject: 's'.repeat(500), text: 't'.repeat(5000) });
    const header = payload.blocks[0] as { text: { text: string } };
    const section = payload.blocks[1] as { text: { text: string } };
    assert.equal(header.text.text.length, 150);
    assert.equal(section.text.text.length, 3000);
  });

  it('mattermostPayload is Markdown text with the subject as heading and an Acknowledge link', () => {
    const payload = mattermostPayload(message);
    assert.deepEqual(Object.keys(payload), ['text']);
    assert.ok(payload.text.startsWith(`#### ${message.subject}\n`));
    assert.ok(payload.text.includes(message.text));
    assert.ok(payload.text.includes(`[Acknowledge](${message.ackUrl})`));
  });

  it('teamsPayload is a message with one Adaptive Card 1.4 holding the text, facts and an OpenUrl action', () => {
    const payload = teamsPayload(message);
    assert.equal(payload.type, 'message');
    assert.equal(payload.attachments.length, 1);
    const [attachment] = payload.attachments;
    assert.equal(attachment.contentType, 'application/vnd.microsoft.card.adaptive');
    const card = attachment.content as {
      type: string;
      version: string;
      $schema: string;
      body: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
      actions: unknown[];
    };
    assert.equal(card.type, 'AdaptiveCard');
    assert.equal(card.version, '1.4');
    assert.equal(card.$schema, 'http://adaptivecards.io/schemas/adaptive-card.json');
    assert.deepEqual(card.body[0], { type: 'TextBlock', text: message.subject, weight: 'Bolder', size: 'Medium', wrap: true });
    const facts = card.body.find((b) => b.type === 'FactSet')?.facts ?? [];
    assert.deepEqual(facts[1], { title: 'Incident', value: 'INC-2026-0007' });
    assert.ok(card.body.some((b) => b.type === 'TextBlock' && b.text === message.text));
    assert.deepEqual(card.actions[0], { type: 'Action.OpenUrl', title: 'Acknowledge', url: message.ackUrl });
  });
});

describe('deliverToChat', () => {
  let receiver: HttpRecorder;
  before(async () => {
    receiver = await startHttpRecorder();
  });
  after(() => receiver.close());

  for (const [type, build] of [
    ['slack', slackPayload],
    ['teams', teamsPayload],
    ['mattermost', mattermostPayload],
  ] as const) {
    it(`POSTs the ${type} payload as JSON`, async () => {
      receiver.reply = { status: 200, body: 'ok', headers: { 'x-slack-req-id': 'req-1' } };
      const result = await deliverToChat({ type, address: `${receiver.url}/hooks/${type}` }, message, settings());
      assert.equal(result.outcome, 'accepted', JSON.stringify(result));
      const request = receiver.requests.at(-1)!;
      assert.equal(request.method, 'POST');
      assert.equal(request.path, `/hooks/${type}`);
      assert.equal(request.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(request.body), JSON.parse(JSON.stringify(build(message))));
    });
  }

  it('reports the Slack request id as providerId', async () => {
    receiver.reply = { status: 200, body: 'ok', headers: { 'x-slack-req-id': 'req-9' } };
    assert.deepEqual(await deliverToChat({ type: 'slack', address: receiver.url }, message, settings()), {
      outcome: 'accepted',
      providerId: 'req-9',
    });
  });

  it('fails retryably on HTTP 500', async () => {
    receiver.reply = { status: 500, body: 'internal error' };
    assert.deepEqual(await deliverToChat({ type: 'teams', address: receiver.url }, message, settings()), {
      outcome: 'failed',
      reason: 'Teams workflow webhook answered HTTP 500: internal error',
      retryable: true,
    });
  });

  it('fails without retry on HTTP 400, quoting the answer', async () => {
    receiver.reply = { status: 400, body: 'invalid_blocks' };
    assert.deepEqual(await deliverToChat({ type: 'slack', address: receiver.url }, message, settings()), {
      outcome: 'failed',
      reason: 'Slack webhook answered HTTP 400: invalid_blocks',
      retryable: false,
    });
  });

  it('gives up after timeoutMs on a receiver that never answers', async () => {
    receiver.reply = 'hang';
    const started = Date.now();
    const result = await deliverToChat({ type: 'mattermost', address: receiver.url }, message, settings(300));
    const elapsed = Date.now() - started;
    const host = new URL(receiver.url).host;
    assert.deepEqual(result, {
      outcome: 'failed',
      reason: `Mattermost webhook at ${host}: no answer within 0.3 s`,
      retryable: true,
    });
    assert.ok(elapsed >= 250 && elapsed < 1500, `took ${elapsed} ms`);
  });

  it('fails retryably with ECONNREFUSED when nothing listens', async () => {
    const gone = await startHttpRecorder();
    await gone.close();
    const result = await deliverToChat({ type: 'slack', address: gone.url }, message, settings());
    assert.deepEqual(result, {
      outcome: 'failed',
      reason: `Slack webhook at ${new URL(gone.url).host} refused the connection (ECONNREFUSED)`,
      retryable: true,
    });
  });

  it('fails without retry on a URL that is not http(s)', async () => {
    const result = await deliverToChat({ type: 'slack', address: 'ftp://example.org/hook' }, message, settings());
    assert.ok(result.outcome === 'failed' && !result.retryable && /https:\/\//.test(result.reason), JSON.stringify(result));
  });
});
