import type { CompromisedChannel, Notification } from '../../shared/notification-types.ts';
import type { IncidentPlan } from '../../shared/prepare-types.ts';
import { CHANNEL_TYPE_LABELS } from '../pace/pace-labels.ts';
import type { ChannelChoice } from './DeclareCompromisedModal.tsx';

/**
 * Every channel the incident's communication may use, by id: the plan's contacts' channels and the channels on
 * its notifications' ladders (a ladder keeps the channel it was sent on even when the contact changed since).
 */
export function incidentChannels(plan: IncidentPlan | null | undefined, notifications: Notification[]): Map<string, string> {
  const channels = new Map<string, string>();
  for (const contact of plan?.contacts ?? []) {
    for (const ch of contact.channels) {
      if (ch.type === 'manual') continue;
      channels.set(ch.id, `${contact.name}: ${CHANNEL_TYPE_LABELS[ch.type]} ${ch.address}`);
    }
  }
  for (const n of notifications) {
    for (const step of n.ladder) {
      if (!step.channelId || step.manual || channels.has(step.channelId)) continue;
      const type = step.channelType ? CHANNEL_TYPE_LABELS[step.channelType] : 'Channel';
      channels.set(step.channelId, `${step.contactName || 'Contact'}: ${type} ${step.address}`);
    }
  }
  return channels;
}

/** The channels that can still be declared compromised. */
export function channelChoices(channels: Map<string, string>, compromised: CompromisedChannel[]): ChannelChoice[] {
  const gone = new Set(compromised.map((c) => c.channelId));
  return [...channels].filter(([id]) => !gone.has(id)).map(([id, label]) => ({ id, label }));
}
