import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type HttpRecorder, startHttpRecorder } from '../../testing/http-recorder.ts';
import type { ChannelSettings, OutgoingMessage } from './channel.ts';
import { deliverSms, fillSmsTemplate, smsText } from './sms-gateway.ts';

const message: OutgoingMessage = {
  id: 'n-3',
  subject: 'INC-2026-0011: "Domain admin" compromised\nline two\t\\ {{to}}',
  text: 'not used by SMS',
  ackUrl: 'http://localhost:8080/ack/q1',
  incident: null,
};

function settingsFor(url: string | null, template = '{"to":"{{to}}","text":"{{text}}"}'): ChannelSettings {
  return {
    smtpUrl: null,
    mailFrom: 'Muster <muster@localhost>',
    webhookSecret: null,
    webhookKey: 'k',
    smsGateway: url ? { url, headers: { Authorization: 'Bearer gw-token' }, bodyTemplate: template } : null,
    timeoutMs: 2000,
    attemptsPerLevel: 3,
    reminderOffsetsMinutes: [],
  };
}

describe('deliverSms', () => {
  let gateway: HttpRecorder;
  before(async () => {
    gateway = await startHttpRecorder({ status: 201, body: '{"id":"sms-1"}', headers: { 'x-message-id': 'sms-1' } });
  });
  after(() => gateway.close());

  it('fills the body template so quotes, newlines and backslashes arrive as valid JSON', async () => {
    const result = await deliverSms({ type: 'sms', address: '+49 170 "1234"' }, message, settingsFor(`${gateway.url}/send`));
    assert.deepEqual(result, { outcome: 'accepted', providerId: 'sms-1' });
    const request = gateway.requests.at(-1)!;
    assert.equal(request.path, '/send');
    assert.equal(request.headers.authorization, 'Bearer gw-token');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request.body), { to: '+49 170 "1234"', text: `${message.subject}\n${message.ackUrl}` });
  });

  it('keeps the gateway body shape, e.g. nested fields and a Content-Type of its own', async () => {
    const template = '{"messages":[{"destinations":[{"to":"{{to}}"}],"text":"{{text}}"}]}';
    const settings = settingsFor(gateway.url, template);
    settings.smsGateway!.headers = { 'Content-Type': 'application/vnd.gateway+json' };
    await deliverSms({ type: 'sms', address: '+15550100' }, message, settings);
    const request = gateway.requests.at(-1)!;
    assert.equal(request.headers['content-type'], 'application/vnd.gateway+json');
    assert.equal(JSON.parse(request.body).messages[0].destinations[0].to, '+15550100');
  });

  it('fails retryably when the gateway answers 502, and not retryably on 422', async () => {
    gateway.reply = { status: 502 };
    const bad = await deliverSms({ type: 'sms', address: '+15550100' }, message, settingsFor(gateway.url));
    assert.deepEqual(bad, { outcome: 'failed', reason: 'SMS gateway answered HTTP 502', retryable: true });
    gateway.reply = { status: 422, body: '{"error":"invalid number"}' };
    const invalid = await deliverSms({ type: 'sms', address: 'x' }, message, settingsFor(gateway.url));
    assert.deepEqual(invalid, {
      outcome: 'failed',
      reason: 'SMS gateway answered HTTP 422: {"error":"invalid number"}',
      retryable: false,
    });
    gateway.reply = { status: 200 };
  });

  it('fails without retry when no gateway is configured', async () => {
    assert.deepEqual(await deliverSms({ type: 'sms', address: '+15550100' }, message, settingsFor(null)), {
      outcome: 'failed',
      reason: 'SMS_GATEWAY_URL is not configured',
      retryable: false,
    });
  });
});

describe('smsText', () => {
  it('is the subject and the ack link, at most 600 characters, with the link kept whole', () => {
    const long = smsText({ ...message, subject: 'é'.repeat(1000) });
    assert.equal(Array.from(long).length, 600);
    assert.ok(long.endsWith(`…\n${message.ackUrl}`));
    assert.equal(smsText({ ...message, subject: 'short', ackUrl: null }), 'short');
  });
});

describe('fillSmsTemplate', () => {
  it('replaces every placeholder once, leaving placeholders inside values alone', () => {
    assert.equal(fillSmsTemplate('{{to}}|{{text}}|{{to}}', { to: 'a"b', text: '{{to}}\n' }), 'a\\"b|{{to}}\\n|a\\"b');
  });
});
