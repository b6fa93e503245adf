import type { MantineColor } from '@mantine/core';
import type { Channel, ChannelType, Contact, MoveOnRule, PaceLevel, PaceLevelName } from '../../shared/prepare-types.ts';

/** Human words for PACE ladders and channels. */

export const PACE_LEVEL_LABELS: Record<PaceLevelName, string> = {
  primary: 'Primary',
  alternate: 'Alternate',
  contingency: 'Contingency',
  emergency: 'Emergency',
};

export const PACE_LEVEL_COLORS: Record<PaceLevelName, MantineColor> = {
  primary: 'teal',
  alternate: 'blue',
  contingency: 'orange',
  emergency: 'red',
};

export const CHANNEL_TYPE_LABELS: Record<ChannelType, string> = {
  email: 'E-mail',
  sms: 'SMS',
  voice: 'Voice call',
  slack: 'Slack',
  teams: 'Teams',
  mattermost: 'Mattermost',
  webhook: 'Webhook',
  manual: 'Manual',
};

/** "E-mail kari@acme.example (work)". */
export function channelLabel(channel: Channel): string {
  const label = channel.label ? ` (${channel.label})` : '';
  return `${CHANNEL_TYPE_LABELS[channel.type] ?? channel.type} ${channel.address}${label}`;
}

/** "Kari Nordmann — Customer contact point, ACME". */
export function contactLabel(contact: Contact): string {
  const about = [contact.role, contact.organisation].filter(Boolean).join(', ');
  return about ? `${contact.name} — ${about}` : contact.name;
}

/** "after 15 min without acknowledgement · on delivery failure · if the channel is compromised". */
export function moveOnWords(rule: MoveOnRule | undefined, last: boolean): string {
  if (last) return 'Last level: keep trying';
  if (!rule) return '—';
  const parts: string[] = [];
  if (rule.noAckMinutes) parts.push(`no acknowledgement within ${rule.noAckMinutes} min`);
  if (rule.onDeliveryFailure) parts.push('delivery fails');
  if (rule.onChannelCompromised) parts.push('channel compromised');
  return parts.length ? `Move on when ${parts.join(', or ')}` : 'Only by hand';
}

export interface ResolvedLevel {
  level: PaceLevel;
  contact: Contact | undefined;
  channel: Channel | undefined;
}

/** A level with its contact and channel looked up (either may be gone, or a manual instruction). */
export function resolveLevel(level: PaceLevel, contacts: readonly Contact[]): ResolvedLevel {
  const contact = level.contactId ? contacts.find((c) => c.id === level.contactId) : undefined;
  const channel = contact && level.channelId ? contact.channels.find((c) => c.id === level.channelId) : undefined;
  return { level, contact, channel };
}
