import type { ChannelType } from '../../../shared/prepare-types.ts';
import type { NotifyConfig } from '../../core/config.ts';

/** One message on its way to one channel; already worded for that channel's TLP clearance. */
export interface OutgoingMessage {
  /** Stable for one notification on one level: the e-mail Message-ID and the webhooks' idempotency key. */
  id: string;
  subject: string;
  /** Plain text, the whole message (incident fields, links). */
  text: string;
  /** Where the recipient acknowledges (or answers); null when no acknowledgement is asked. */
  ackUrl: string | null;
  /** What chat cards and webhook receivers show as fields; null for messages outside an incident (channel tests). */
  incident: { key: string; title: string; tlp: string; exercise: boolean; url: string } | null;
}

/** Where it goes: a contact's channel. Manual and voice channels are never delivered by an adapter. */
export interface DeliveryTarget {
  type: Exclude<ChannelType, 'manual' | 'voice'>;
  /** E-mail address, phone number or webhook URL. */
  address: string;
}

export type DeliveryResult =
  | { outcome: 'accepted'; providerId: string | null }
  /** retryable false: trying again cannot help (bad address, 4xx from a webhook); the ladder moves on at once. */
  | { outcome: 'failed'; reason: string; retryable: boolean };

export type ChannelSettings = NotifyConfig & {
  /** Key of the generic webhook's HMAC signature. */
  webhookKey: string;
};
