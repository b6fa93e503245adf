import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type HttpRecorder, startHttpRecorder } from '../../testing/http-recorder.ts';
import type { ChannelSettings, OutgoingMessage } from './channel.ts';
import { deliverSignedWebhook, signWebhook, verifyWebhookSignature } from './signed-webhook.ts';

const key = 'whsec-test-key';
const settings: ChannelSettings = {
  smtpUrl: null,
  mailFrom: 'Muster <muster@localhost>',
  webhookSecret: null,
  webhookKey: key,
  smsGateway: null,
  timeoutMs: 2000,
  attemptsPerLevel: 3,
  reminderOffsetsMinutes: [],
};

const message: OutgoingMessage = {
  id: 'n-7-level-2',
  subject: 'INC-2026-0009: "quoted" subject',
  text: 'line one\nline two — ünïcode',
  ackUrl: 'http://localhost:8080/ack/xyz',
  incident: { key: 'INC-2026-0009', title: 'Phishing', tlp: 'TLP:GREEN', exercise: false, url: 'http://localhost:8080/i/9' },
};

describe('deliverSignedWebhook', () => {
  let receiver: HttpRecorder;
  before(async () => {
    receiver = await startHttpRecorder({ status: 204 });
  });
  after(() => receiver.close());

  it('POSTs the JSON body with a signature the receiver can verify', async () => {
    const result = await deliverSignedWebhook({ type: 'webhook', address: `${receiver.url}/muster` }, message, settings);
    assert.deepEqual(result, { outcome: 'accepted', providerId: null });
    const request = receiver.requests.at(-1)!;
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['x-muster-delivery'], message.id);
    assert.match(String(request.headers['x-muster-signature']), /^sha256=[0-9a-f]{64}$/);
    assert.ok(verifyWebhookSignature(key, request.headers, request.body, new Date()));

    const body = JSON.parse(request.body);
    assert.deepEqual(Object.keys(body), ['id', 'subject', 'text', 'ackUrl', 'incident', 'sentAt']);
    assert.equal(body.id, message.id);
    assert.equal(body.text, message.text);
    assert.deepEqual(body.incident, message.incident);
    assert.ok(Math.abs(Date.parse(body.sentAt) - Number(request.headers['x-muster-timestamp']) * 1000) < 1000);
  });

  it('signs so that a tampered body, another key or a stale timestamp fail verification', async () => {
    await deliverSignedWebhook({ type: 'webhook', address: receiver.url }, message, settings);
    const { headers, body } = receiver.requests.at(-1)!;
    assert.equal(verifyWebhookSignature(key, headers, body.replace('Phishing', 'Phishinh'), new Date()), false);
    assert.equal(verifyWebhookSignature('another key', headers, body, new Date()), false);
    const sentAt = Number(headers['x-muster-timestamp']) * 1000;
    assert.equal(verifyWebhookSignature(key, headers, body, new Date(sentAt + 301_000)), false);
    assert.equal(verifyWebhookSignature(key, headers, body, new Date(sentAt - 301_000)), false);
    assert.equal(verifyWebhookSignature(key, headers, body, new Date(sentAt + 60_000), 30), false);
    assert.equal(verifyWebhookSignature(key, headers, body, new Date(sentAt + 299_000)), true);
  });

  it('uses the same X-Muster-Delivery on a re-send so receivers can drop duplicates', async () => {
    await deliverSignedWebhook({ type: 'webhook', address: receiver.url }, message, settings);
    await deliverSignedWebhook({ type: 'webhook', address: receiver.url }, message, settings);
    const [a, b] = receiver.requests.slice(-2);
    assert.equal(a.headers['x-muster-delivery'], b.headers['x-muster-delivery']);
  });

  it('retries on 503 but not on 401', async () => {
    receiver.reply = { status: 503 };
    const unavailable = await deliverSignedWebhook({ type: 'webhook', address: receiver.url }, message, settings);
    assert.ok(unavailable.outcome === 'failed' && unavailable.retryable && unavailable.reason === 'webhook answered HTTP 503');
    receiver.reply = { status: 401, body: 'bad signature' };
    const refused = await deliverSignedWebhook({ type: 'webhook', address: receiver.url }, message, settings);
    assert.deepEqual(refused, { outcome: 'failed', reason: 'webhook answered HTTP 401: bad signature', retryable: false });
    receiver.reply = { status: 204 };
  });

  it('gives up after timeoutMs on a receiver that never answers', async () => {
    receiver.reply = 'hang';
    const started = Date.now();
    const result = await deliverSignedWebhook({ type: 'webhook', address: receiver.url }, message, {
      ...settings,
      timeoutMs: 300,
    });
    assert.ok(result.outcome === 'failed' && result.retryable && /no answer within 0\.3 s/.test(result.reason));
    assert.ok(Date.now() - started < 1500);
    receiver.reply = { status: 204 };
  });
});

describe('verifyWebhookSignature', () => {
  const body = '{"id":"x"}';
  const timestamp = 1_800_000_000;
  const now = new Date(timestamp * 1000);

  it('accepts a fetch Headers object and any header-name case', () => {
    const signature = signWebhook(key, timestamp, body);
    assert.ok(
      verifyWebhookSignature(
        key,
        new Headers({ 'X-Muster-Timestamp': `${timestamp}`, 'X-Muster-Signature': signature }),
        body,
        now,
      ),
    );
    assert.ok(
      verifyWebhookSignature(
        key,
        { 'X-Muster-Timestamp': `${timestamp}`, 'X-Muster-Signature': signature },
        Buffer.from(body),
        now,
      ),
    );
  });

  it('rejects missing, malformed or truncated headers', () => {
    const signature = signWebhook(key, timestamp, body);
    assert.equal(verifyWebhookSignature(key, {}, body, now), false);
    assert.equal(
      verifyWebhookSignature(key, { 'x-muster-timestamp': 'soon', 'x-muster-signature': signature }, body, now),
      false,
    );
    assert.equal(
      verifyWebhookSignature(
        key,
        { 'x-muster-timestamp': `${timestamp}`, 'x-muster-signature': signature.slice(0, -1) },
        body,
        now,
      ),
      false,
    );
  });

  it('matches the documented openssl computation', () => {
    // printf '%s' '1800000000.{"id":"x"}' | openssl dgst -sha256 -hmac 'whsec-test-key'
    assert.equal(signWebhook(key, timestamp, body), 'sha256=0acd99926ff0936db7f757c053036fac28920b8a47cb30be8b83746f83603882');
  });
});
