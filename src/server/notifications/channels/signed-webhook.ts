import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChannelSettings, DeliveryResult, DeliveryTarget, OutgoingMessage } from './channel.ts';
import { postDelivery } from './http-delivery.ts';

/** `sha256=<hex HMAC-SHA256(key, "<timestamp>.<body>")>`, the X-Muster-Signature value. */
export function signWebhook(key: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * True only when X-Muster-Signature matches the raw body and X-Muster-Timestamp is within
 * toleranceSeconds of now (either way), so a captured request cannot be replayed later.
 */
export function verifyWebhookSignature(
  key: string,
  headers: HeaderBag,
  rawBody: string | Buffer,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const timestampText = header(headers, 'x-muster-timestamp');
  const signature = header(headers, 'x-muster-signature');
  if (!timestampText || !signature || !/^\d+$/.test(timestampText)) return false;
  const timestamp = Number(timestampText);
  if (Math.abs(Math.floor(now.getTime() / 1000) - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(key, timestamp, rawBody.toString()));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The generic webhook body; docs/webhooks.md describes it to receivers. */
export function webhookBody(message: OutgoingMessage, sentAt: Date): string {
  return JSON.stringify({
    id: message.id,
    subject: message.subject,
    text: message.text,
    ackUrl: message.ackUrl,
    incident: message.incident,
    sentAt: sentAt.toISOString(),
  });
}

/** POSTs the signed JSON body to the target URL; resolves with the outcome, never throws. */
export async function deliverSignedWebhook(
  target: DeliveryTarget,
  message: OutgoingMessage,
  settings: ChannelSettings,
): Promise<DeliveryResult> {
  try {
    const now = new Date();
    const timestamp = Math.floor(now.getTime() / 1000);
    const body = webhookBody(message, now);
    return await postDelivery({
      url: target.address,
      body,
      headers: {
        'content-type': 'application/json',
        'x-muster-timestamp': String(timestamp),
        'x-muster-signature': signWebhook(settings.webhookKey, timestamp, body),
        // Same value on every retry of this notification, so receivers can drop duplicates.
        'x-muster-delivery': message.id,
      },
      timeoutMs: settings.timeoutMs,
      label: 'webhook',
      providerIdHeaders: ['x-request-id'],
    });
  } catch (err) {
    return { outcome: 'failed', reason: `webhook: ${err instanceof Error ? err.message : String(err)}`, retryable: true };
  }
}
