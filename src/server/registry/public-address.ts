import type { Channel, ChannelType, Contact } from '../../shared/prepare-types.ts';
import { type Actor, can } from '../auth/policy.ts';
import { redactUrls, urlShape } from '../core/redact.ts';

// A channel's address is the one thing about a contact that may be a credential: whoever knows a Slack,
// Teams or Mattermost incoming-webhook URL, a generic webhook URL or a link with a key in it can post as us.
// Everything that shows or records a channel goes through here; only the contact's own record, for those
// who may change it, carries the address itself.

const WEB_TYPES: readonly ChannelType[] = ['slack', 'teams', 'mattermost', 'webhook'];

type Addressed = { type: ChannelType | null; address: string; label?: string };

/**
 * The address reduced to what may be shown: web channels as `scheme://host[:port]/…`, any URL inside another
 * channel's address the same way; e-mail addresses, phone numbers and instructions without links unchanged.
 */
export function maskedAddress(channel: Addressed): string {
  if (channel.type && WEB_TYPES.includes(channel.type)) return urlShape(channel.address) ?? '(webhook address hidden)';
  return redactUrls(channel.address);
}

/** How a channel is shown and recorded outside its own edit form: its label when it has one and the address is secret. */
export function publicAddress(channel: Addressed): string {
  const masked = maskedAddress(channel);
  if (masked === channel.address) return masked;
  return channel.label?.trim() || masked;
}

/** The contact with every channel's address as publicAddress shows it (for readers who may not change it). */
export function publicContact<T extends Pick<Contact, 'channels'>>(contact: T): T {
  return { ...contact, channels: contact.channels.map(publicChannel) };
}

/** The channel with its address masked; its label is shown beside it, so it does not stand in for the address. */
export function publicChannel(channel: Channel): Channel {
  return { ...channel, address: maskedAddress(channel) };
}

/**
 * A contact as this reader gets it from the registry: whole for whoever may change it (the channel's edit form
 * must show and keep the address), masked for everyone else — a viewer has no use for a credential.
 */
export function contactFor<T extends Pick<Contact, 'channels' | 'customerId'>>(actor: Actor, contact: T): T {
  return can(actor, 'registry.change', contact.customerId) ? contact : publicContact(contact);
}

/** A contact's history event for a reader who may not change it: the channels it records, masked. */
export function contactEventFor(actor: Actor, customerId: string | null, data: Record<string, unknown>): Record<string, unknown> {
  if (can(actor, 'registry.change', customerId)) return data;
  const masked = (part: unknown): unknown => {
    if (!part || typeof part !== 'object' || !Array.isArray((part as Contact).channels)) return part;
    return publicContact(part as Contact);
  };
  return { ...(masked(data) as Record<string, unknown>), changes: masked(data.changes), previous: masked(data.previous) };
}
