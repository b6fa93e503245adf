import { redactUrls, urlShape } from '../../core/redact.ts';
import type { ChannelSettings, DeliveryResult, DeliveryTarget, OutgoingMessage } from './channel.ts';
import { deliverToChat } from './chat-webhooks.ts';
import { deliverEmail } from './email.ts';
import { deliverSignedWebhook } from './signed-webhook.ts';
import { deliverSms } from './sms-gateway.ts';

/**
 * Sends one message over the target's channel; resolves with the outcome, never throws. A failure's reason
 * goes on the timeline, so it never carries the address or any other URL whole (a receiver's answer may quote one).
 */
export async function deliver(
  target: DeliveryTarget,
  message: OutgoingMessage,
  settings: ChannelSettings,
): Promise<DeliveryResult> {
  const result = await deliverOnce(target, message, settings);
  if (result.outcome === 'accepted') return result;
  // A web channel's whole address is the secret, even one that is not a URL at all.
  const web = target.type !== 'email' && target.type !== 'sms' && target.address.trim() !== '';
  const reason = web
    ? result.reason.replaceAll(target.address, urlShape(target.address) ?? '(the channel address)')
    : result.reason;
  return { ...result, reason: redactUrls(reason) };
}

async function deliverOnce(target: DeliveryTarget, message: OutgoingMessage, settings: ChannelSettings): Promise<DeliveryResult> {
  try {
    switch (target.type) {
      case 'email':
        return await deliverEmail(target, message, settings);
      case 'sms':
        return await deliverSms(target, message, settings);
      case 'slack':
      case 'teams':
      case 'mattermost':
        return await deliverToChat(target, message, settings);
      case 'webhook':
        return await deliverSignedWebhook(target, message, settings);
      default: {
        // Compile-time check that every channel type is handled; at run time a stray value from the database lands here.
        const unknown: never = target.type;
        return { outcome: 'failed', reason: `channel type "${unknown}" cannot be delivered automatically`, retryable: false };
      }
    }
  } catch (err) {
    return { outcome: 'failed', reason: err instanceof Error ? err.message : String(err), retryable: true };
  }
}
