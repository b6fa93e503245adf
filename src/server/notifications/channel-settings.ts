import { createHmac } from 'node:crypto';
import type { Deps } from '../core/deps.ts';
import { instanceSecret } from '../core/instance-secret.ts';
import type { ChannelSettings } from './channels/channel.ts';

/** The adapters' settings: the configuration, and the webhook signing key (configured, or derived from the instance secret). */
export async function channelSettings(deps: Deps): Promise<ChannelSettings> {
  const { notify } = deps.config;
  const webhookKey =
    notify.webhookSecret ??
    createHmac('sha256', await instanceSecret(deps.database))
      .update('webhook-signing')
      .digest('hex');
  return { ...notify, webhookKey };
}
