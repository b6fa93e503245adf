import assert from 'node:assert/strict';
import { connect, createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { type SmtpSink, startSmtpSink } from '../../testing/smtp-sink.ts';
import type { ChannelSettings, OutgoingMessage } from './channel.ts';
import { closeMailTransports, deliverEmail } from './email.ts';

function settingsFor(smtpUrl: string | null, timeoutMs = 2000): ChannelSettings {
  return {
    smtpUrl,
    mailFrom: 'Muster <muster@example.org>',
    webhookSecret: null,
    webhookKey: 'k',
    smsGateway: null,
    timeoutMs,
    attemptsPerLevel: 3,
    reminderOffsetsMinutes: [],
  };
}

const message: OutgoingMessage = {
  id: 'n-42-level-1',
  subject: 'INC-2026-0007: ransomware on file server',
  text: 'Severity: high\nAcknowledge: http://localhost:8080/ack/abc\n',
  ackUrl: 'http://localhost:8080/ack/abc',
  incident: null,
};
const target = { type: 'email' as const, address: 'oncall@example.org' };

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('deliverEmail', () => {
  let sink: SmtpSink;
  before(async () => {
    sink = await startSmtpSink();
  });
  after(async () => {
    closeMailTransports();
    await sink.close();
  });

  it('hands the message to the SMTP server with a stable Message-ID, subject and plain-text body', async () => {
    const result = await deliverEmail(target, message, settingsFor(sink.url));
    assert.equal(result.outcome, 'accepted', JSON.stringify(result));
    assert.ok(result.outcome === 'accepted' && result.providerId?.includes('250'));
    const [received] = await sink.waitFor(1, 2000);
    assert.equal(received.messageId, '<n-42-level-1@muster>');
    assert.equal(received.subject, message.subject);
    assert.equal(received.text.trim(), message.text.trim());
    assert.deepEqual(received.to, ['oncall@example.org']);
    assert.equal(received.from, '"Muster" <muster@example.org>');
    assert.equal(received.headers.get('message-id'), '<n-42-level-1@muster>');
  });

  it('delivers a burst of concurrent messages through the pool, each once', async () => {
    const before = sink.messages.length;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => deliverEmail(target, { ...message, id: `burst-${i}` }, settingsFor(sink.url))),
    );
    assert.ok(results.every((r) => r.outcome === 'accepted'));
    const received = await sink.waitFor(before + 10, 2000);
    const ids = new Set(received.slice(before).map((m) => m.messageId));
    assert.equal(ids.size, 10);
  });

  it('fails retryably with the 421 reply when the server refuses connections', async () => {
    const refusing = await startSmtpSink({ mode: 'refuse' });
    try {
      const result = await deliverEmail(target, message, settingsFor(refusing.url));
      assert.equal(result.outcome, 'failed');
      assert.ok(result.outcome === 'failed' && result.retryable);
      assert.match(result.outcome === 'failed' ? result.reason : '', /421.*refusing/);
      assert.equal(refusing.messages.length, 0);
    } finally {
      await refusing.close();
    }
  });

  it('fails retryably with ECONNREFUSED when nothing listens', async () => {
    const port = await closedPort();
    const result = await deliverEmail(target, message, settingsFor(`smtp://127.0.0.1:${port}`));
    assert.deepEqual(result, {
      outcome: 'failed',
      reason: `SMTP server 127.0.0.1:${port} refused the connection (ECONNREFUSED)`,
      retryable: true,
    });
  });

  it('gives up on a server that never greets within timeoutMs', async () => {
    const stalling = await startSmtpSink({ mode: 'stall' });
    try {
      const started = Date.now();
      const result = await deliverEmail(target, message, settingsFor(stalling.url, 500));
      const elapsed = Date.now() - started;
      assert.equal(result.outcome, 'failed');
      assert.ok(result.outcome === 'failed' && result.retryable);
      assert.match(result.outcome === 'failed' ? result.reason : '', /no answer within 0\.5 s/);
      assert.ok(elapsed >= 450 && elapsed < 1500, `took ${elapsed} ms`);
    } finally {
      await stalling.close();
    }
  });

  it('follows the sink when its mode changes at runtime', async () => {
    const switching = await startSmtpSink();
    try {
      switching.mode = 'refuse';
      const refused = await deliverEmail(target, message, settingsFor(switching.url));
      assert.equal(refused.outcome, 'failed');
      switching.mode = 'accept';
      const accepted = await deliverEmail(target, message, settingsFor(switching.url));
      assert.equal(accepted.outcome, 'accepted', JSON.stringify(accepted));
      assert.equal((await switching.waitFor(1, 2000)).length, 1);
    } finally {
      await switching.close();
    }
  });

  it('does not retry a permanent 5xx rejection, but does retry a 4xx one', async () => {
    const picky = new SMTPServer({
      logger: false,
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      onRcptTo(address, _session, callback) {
        const busy = address.address.startsWith('busy');
        callback(Object.assign(new Error(busy ? 'mailbox busy' : 'no such user'), { responseCode: busy ? 450 : 550 }));
      },
    });
    await new Promise<void>((resolve) => picky.listen(0, '127.0.0.1', () => resolve()));
    const url = `smtp://127.0.0.1:${(picky.server.address() as { port: number }).port}`;
    try {
      const rejected = await deliverEmail({ type: 'email', address: 'gone@example.org' }, message, settingsFor(url));
      assert.equal(rejected.outcome, 'failed');
      assert.ok(rejected.outcome === 'failed' && !rejected.retryable);
      assert.match(rejected.outcome === 'failed' ? rejected.reason : '', /rejected the message: 550 no such user/);
      const deferred = await deliverEmail({ type: 'email', address: 'busy@example.org' }, message, settingsFor(url));
      assert.ok(deferred.outcome === 'failed' && deferred.retryable, JSON.stringify(deferred));
    } finally {
      closeMailTransports();
      await new Promise<void>((resolve) => picky.close(() => resolve()));
    }
  });

  it('fails without retry when SMTP_URL is not configured', async () => {
    assert.deepEqual(await deliverEmail(target, message, settingsFor(null)), {
      outcome: 'failed',
      reason: 'SMTP_URL is not configured',
      retryable: false,
    });
  });
});

describe('startSmtpSink', () => {
  it('rejects waitFor with a clear message on timeout', async () => {
    const sink = await startSmtpSink();
    try {
      await assert.rejects(sink.waitFor(1, 50), /expected 1 message\(s\) within 50 ms, got 0/);
    } finally {
      await sink.close();
    }
  });

  it('closes at once while a client is stalled', async () => {
    const sink = await startSmtpSink({ mode: 'stall' });
    const socket = connect(sink.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const started = Date.now();
    await sink.close();
    assert.ok(Date.now() - started < 500);
    socket.destroy();
  });
});
