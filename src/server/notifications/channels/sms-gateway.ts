import type { ChannelSettings, DeliveryResult, DeliveryTarget, OutgoingMessage } from './channel.ts';
import { postDelivery } from './http-delivery.ts';

const SMS_MAX = 600;

/** Subject, then the ack link; the subject is shortened rather than the link, which must stay whole to work. */
export function smsText(message: OutgoingMessage): string {
  const link = message.ackUrl ? `\n${message.ackUrl}` : '';
  const room = SMS_MAX - Array.from(link).length;
  const subject = Array.from(message.subject);
  if (room <= 0) return Array.from(`${message.subject}${link}`).slice(0, SMS_MAX).join('');
  const shown = subject.length <= room ? message.subject : `${subject.slice(0, room - 1).join('')}…`;
  return `${shown}${link}`;
}

/**
 * Fills {{to}} and {{text}} with JSON-escaped values minus the outer quotes (the template has its own),
 * in one pass so a "{{to}}" inside the text stays literal.
 */
export function fillSmsTemplate(template: string, values: { to: string; text: string }): string {
  return template.replace(/\{\{(to|text)\}\}/g, (_, name: 'to' | 'text') => JSON.stringify(values[name]).slice(1, -1));
}

/** POSTs the SMS to the configured HTTP gateway; resolves with the outcome, never throws. */
export async function deliverSms(
  target: DeliveryTarget,
  message: OutgoingMessage,
  settings: ChannelSettings,
): Promise<DeliveryResult> {
  const gateway = settings.smsGateway;
  if (!gateway) return { outcome: 'failed', reason: 'SMS_GATEWAY_URL is not configured', retryable: false };
  try {
    const headers = { ...gateway.headers };
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    return await postDelivery({
      url: gateway.url,
      body: fillSmsTemplate(gateway.bodyTemplate, { to: target.address, text: smsText(message) }),
      headers,
      timeoutMs: settings.timeoutMs,
      label: 'SMS gateway',
      providerIdHeaders: ['x-request-id', 'x-message-id'],
    });
  } catch (err) {
    return { outcome: 'failed', reason: `SMS gateway: ${err instanceof Error ? err.message : String(err)}`, retryable: true };
  }
}
