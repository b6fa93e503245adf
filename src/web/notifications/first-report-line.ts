import type { Notification } from '../../shared/notification-types.ts';
import type { ChannelType } from '../../shared/prepare-types.ts';

/** A channel as the sentence "…to Ola Nordmann (email)" names it. */
const CHANNEL_WORDS: Record<ChannelType, string> = {
  email: 'email',
  sms: 'SMS',
  voice: 'phone call',
  slack: 'Slack',
  teams: 'Teams',
  mattermost: 'Mattermost',
  webhook: 'webhook',
  manual: 'by hand',
};

/**
 * "First report sent by itself at 10:02 to Ola Nordmann (email)": that the first report went with no click, when,
 * and to whom — the level that took it, or the one it is on its way to. `when` words a time in the user's zone.
 */
export function firstReportLine(n: Notification, when: (iso: string) => string): string {
  const accepted = n.attempts.findLast((a) => a.outcome === 'accepted');
  const step = n.ladder[accepted ? accepted.level : n.level];
  const channel = step?.channelType ? ` (${CHANNEL_WORDS[step.channelType] ?? step.channelType})` : '';
  const who = step ? `${step.contactName || step.address || 'the customer'}${channel}` : 'the customer';
  if (accepted) return `First report sent by itself at ${when(accepted.at)} to ${who}`;
  if (n.status === 'awaiting-person')
    return `First report sent by itself at ${when(n.createdAt)}; a person must now reach ${who}`;
  if (n.status === 'acknowledged') return `First report sent by itself at ${when(n.createdAt)}; ${who} has it`;
  if (n.status === 'exhausted') return `First report sent by itself at ${when(n.createdAt)}, but no level of the ladder took it`;
  return `First report sent by itself at ${when(n.createdAt)}, on its way to ${who}`;
}
