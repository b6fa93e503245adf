import type { Transporter } from 'nodemailer';
import type { ChannelSettings, DeliveryResult, DeliveryTarget, OutgoingMessage } from './channel.ts';
import { formatSeconds } from './http-delivery.ts';

type PooledTransport = Transporter;

interface SmtpError {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
  timeoutType?: string;
  message?: string;
}

// One pool per server: reusing authenticated connections is what makes a burst of notifications fast.
// The timeout is part of the key because it is baked into the pool's connections.
const transports = new Map<string, PooledTransport>();

// nodemailer is loaded on the first e-mail: a server that never sends one does not pay for it at start-up.
let nodemailer: typeof import('nodemailer') | null = null;

async function createPool(smtpUrl: string, timeoutMs: number): Promise<PooledTransport> {
  nodemailer ??= await import('nodemailer');
  return nodemailer.createTransport({
    pool: true,
    url: smtpUrl,
    maxConnections: 5,
    // The delivery job retries with backoff and moves down the ladder; requeueing inside the pool
    // would only hide the failure past the attempt's time limit.
    maxRequeues: 0,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });
}

async function transportFor(smtpUrl: string, timeoutMs: number): Promise<PooledTransport> {
  const key = `${timeoutMs} ${smtpUrl}`;
  let transport = transports.get(key);
  if (!transport) {
    const created = await createPool(smtpUrl, timeoutMs);
    // Another send may have made one while the module loaded.
    transport = transports.get(key) ?? created;
    if (transport !== created) created.close();
    transports.set(key, transport);
  }
  return transport;
}

/** Closes every pooled SMTP connection (shutdown, tests); the next send opens new ones. */
export function closeMailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

/** Sends one plain-text e-mail; resolves with the outcome, never throws. */
export async function deliverEmail(
  target: DeliveryTarget,
  message: OutgoingMessage,
  settings: ChannelSettings,
): Promise<DeliveryResult> {
  if (!settings.smtpUrl) return { outcome: 'failed', reason: 'SMTP_URL is not configured', retryable: false };
  const server = serverName(settings.smtpUrl);
  try {
    const info = await (await transportFor(settings.smtpUrl, settings.timeoutMs)).sendMail({
      from: settings.mailFrom,
      to: target.address,
      subject: message.subject,
      text: message.text,
      // Stable per notification and level, so a re-send after a lost reply is recognisable as the same message.
      messageId: `<${message.id}@muster>`,
      // Bounds the whole attempt, including waiting for a free pooled connection and a server that trickles replies.
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    return { outcome: 'accepted', providerId: info.response || info.messageId || null };
  } catch (err) {
    return smtpFailure((err ?? {}) as SmtpError, server, settings.timeoutMs);
  }
}

function serverName(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    // Never the user or password: reasons end up in the timeline.
    return `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? '465' : '587')}`;
  } catch {
    return 'the SMTP server';
  }
}

function smtpFailure(err: SmtpError, server: string, timeoutMs: number): DeliveryResult {
  const response = err.response?.replace(/\s+/g, ' ').trim();
  if (err.responseCode !== undefined) {
    // 5xx (but 503, a session-state hiccup) is a rejection that will repeat; 4xx means "try later".
    const permanent = err.permanent ?? (err.responseCode >= 500 && err.responseCode !== 503);
    const what = err.code === 'EAUTH' ? 'rejected the login (check the user and password in SMTP_URL)' : 'rejected the message';
    return {
      outcome: 'failed',
      reason: `SMTP server ${server} ${permanent ? what : 'is not accepting mail right now'}: ${response || err.responseCode}`,
      retryable: !permanent,
    };
  }
  if (err.code === 'EABORT' || err.code === 'ETIMEDOUT') {
    return { outcome: 'failed', reason: `SMTP server ${server}: no answer within ${formatSeconds(timeoutMs)}`, retryable: true };
  }
  const cause = err.originalCode ?? err.code;
  if (cause === 'ECONNREFUSED') {
    return { outcome: 'failed', reason: `SMTP server ${server} refused the connection (ECONNREFUSED)`, retryable: true };
  }
  if (err.code === 'EENVELOPE' || err.code === 'ECONFIG' || err.code === 'ENOAUTH' || err.code === 'EMAXRECIPIENTS') {
    return { outcome: 'failed', reason: `e-mail not sent: ${err.message ?? err.code}`, retryable: false };
  }
  return {
    outcome: 'failed',
    reason: `SMTP server ${server} could not be reached${cause ? ` (${cause})` : ''}: ${response || err.message || 'unknown error'}`,
    retryable: true,
  };
}
