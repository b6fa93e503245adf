import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type HttpRecorder, startHttpRecorder } from '../../testing/http-recorder.ts';
import { type SmtpSink, startSmtpSink } from '../../testing/smtp-sink.ts';
import type { ChannelSettings, DeliveryTarget, OutgoingMessage } from './channel.ts';
import { deliver } from './deliver.ts';
import { closeMailTransports } from './email.ts';
import { verifyWebhookSignature } from './signed-webhook.ts';

const message: OutgoingMessage = { id: 'd-1', subject: 'Test', text: 'Channel test', ackUrl: null, incident: null };

describe('deliver', () => {
  let sink: SmtpSink;
  let receiver: HttpRecorder;
  let settings: ChannelSettings;
  before(async () => {
    sink = await startSmtpSink();
    receiver = await startHttpRecorder();
    settings = {
      smtpUrl: sink.url,
      mailFrom: 'Muster <muster@localhost>',
      webhookSecret: null,
      webhookKey: 'key',
      smsGateway: { url: `${receiver.url}/sms`, headers: {}, bodyTemplate: '{"to":"{{to}}","text":"{{text}}"}' },
      timeoutMs: 2000,
      attemptsPerLevel: 3,
      reminderOffsetsMinutes: [],
    };
  });
  after(async () => {
    closeMailTransports();
    await sink.close();
    await receiver.close();
  });

  it('sends e-mail through SMTP', async () => {
    assert.equal((await deliver({ type: 'email', address: 'a@example.org' }, message, settings)).outcome, 'accepted');
    assert.equal(sink.messages.at(-1)?.messageId, '<d-1@muster>');
  });

  it('sends SMS through the gateway', async () => {
    await deliver({ type: 'sms', address: '+15550100' }, message, settings);
    assert.deepEqual(JSON.parse(receiver.requests.at(-1)!.body), { to: '+15550100', text: 'Test' });
  });

  it('sends chat payloads by channel type', async () => {
    const shapes: [DeliveryTarget['type'], (body: Record<string, unknown>) => boolean][] = [
      ['slack', (body) => Array.isArray(body.blocks)],
      ['teams', (body) => body.type === 'message'],
      ['mattermost', (body) => typeof body.text === 'string' && body.blocks === undefined],
    ];
    for (const [type, looksRight] of shapes) {
      assert.equal((await deliver({ type, address: `${receiver.url}/${type}` }, message, settings)).outcome, 'accepted');
      const request = receiver.requests.at(-1)!;
      assert.equal(request.path, `/${type}`);
      assert.ok(looksRight(JSON.parse(request.body)), `${type} body: ${request.body}`);
    }
  });

  it('signs generic webhooks', async () => {
    await deliver({ type: 'webhook', address: `${receiver.url}/hook` }, message, settings);
    const request = receiver.requests.at(-1)!;
    assert.ok(verifyWebhookSignature('key', request.headers, request.body, new Date()));
  });

  it('says it is Muster and which version on every HTTP delivery (SMS gateway, chat, webhook)', async () => {
    const version = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')).version;
    assert.match(version, /^\d+\.\d+\.\d+/);
    receiver.requests.length = 0;
    await deliver({ type: 'sms', address: '+15550100' }, message, settings);
    for (const type of ['slack', 'teams', 'mattermost', 'webhook'] as const) {
      await deliver({ type, address: `${receiver.url}/${type}` }, message, settings);
    }
    assert.deepEqual(
      receiver.requests.map((r) => r.headers['user-agent']),
      Array(5).fill(`Muster/${version}`),
    );
  });

  it('never quotes a webhook URL in a failure reason, even one the receiver echoes or that does not parse', async () => {
    const secret = `${receiver.url}/services/T0/B0/SECRET?token=SECRET`;
    receiver.reply = { status: 400, body: `unknown hook ${secret}` };
    try {
      const echoed = await deliver({ type: 'slack', address: secret }, message, settings);
      assert.equal(echoed.outcome, 'failed');
      assert.equal(
        echoed.outcome === 'failed' && echoed.reason,
        `Slack webhook answered HTTP 400: unknown hook ${receiver.url}/…`,
      );
      receiver.reply = { status: 302, headers: { location: `${receiver.url}/moved?key=SECRET` } };
      const moved = await deliver({ type: 'webhook', address: secret }, message, settings);
      assert.doesNotMatch(moved.outcome === 'failed' ? moved.reason : '', /SECRET/);
    } finally {
      receiver.reply = { status: 200, body: 'ok' };
    }
    const unparsable = await deliver({ type: 'teams', address: 'not-a-url/SECRET' }, message, settings);
    assert.deepEqual(unparsable, {
      outcome: 'failed',
      reason: 'Teams workflow webhook URL is not a valid URL',
      retryable: false,
    });
  });

  it('turns an unknown channel type into a failure instead of throwing', async () => {
    const result = await deliver({ type: 'voice' as 'sms', address: '+1' }, message, settings);
    assert.deepEqual(result, {
      outcome: 'failed',
      reason: 'channel type "voice" cannot be delivered automatically',
      retryable: false,
    });
  });
});
