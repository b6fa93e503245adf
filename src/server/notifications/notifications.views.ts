import type { CompromisedChannel, Notification } from '../../shared/notification-types.ts';
import { redactUrls } from '../core/redact.ts';
import { maskedAddress } from '../registry/public-address.ts';

/**
 * A notification as the API shows it: the ladder's webhook URLs masked (the row keeps them, the deliveries need
 * them), and attempts recorded before addresses were masked on the way in masked on the way out.
 */
export function notificationView(n: Notification): Notification {
  return {
    ...n,
    ladder: n.ladder.map((step) => ({ ...step, address: maskedAddress({ type: step.channelType, address: step.address }) })),
    attempts: n.attempts.map((a) => ({
      ...a,
      channel: redactUrls(a.channel),
      reason: a.reason === null ? null : redactUrls(a.reason),
    })),
  };
}

export function compromisedChannelView(c: CompromisedChannel): CompromisedChannel {
  return { ...c, channel: redactUrls(c.channel) };
}
