import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { subDays } from 'date-fns/subDays';
import {
  type Channel,
  type ChannelType,
  type Contact,
  PACE_LEVELS,
  type PaceLevel,
  type PaceLevelName,
  type PaceWarning,
} from '../../shared/prepare-types.ts';
import { maskedAddress } from '../registry/public-address.ts';

/**
 * PACE readiness checks. A ladder only helps when every level exists, points at something real, runs on
 * infrastructure the other levels do not depend on, and has been tried recently. Pure: the plan page, the
 * published plan and the offline binder all show the same warnings for the same contacts and clock.
 */

/** A test older than this no longer proves the channel works (numbers change, webhooks are rotated). */
export const STALE_TEST_DAYS = 90;

export const PACE_LEVEL_LABELS: Record<PaceLevelName, string> = {
  primary: 'Primary',
  alternate: 'Alternate',
  contingency: 'Contingency',
  emergency: 'Emergency',
};

export const CHANNEL_TYPE_LABELS: Record<ChannelType, string> = {
  email: 'E-mail',
  sms: 'SMS',
  voice: 'Voice call',
  slack: 'Slack webhook',
  teams: 'Teams webhook',
  mattermost: 'Mattermost webhook',
  webhook: 'Signed webhook',
  manual: 'Manual step',
};

/** "SMS +47 912 34 567", "Slack webhook https://hooks.slack.com/…", with the channel's own label when it has one. */
export function describeChannel(channel: Channel): string {
  const separator = channel.type === 'manual' ? ': ' : ' ';
  const text = `${CHANNEL_TYPE_LABELS[channel.type]}${separator}${maskedAddress(channel)}`;
  return channel.label.trim() ? `${text} (${channel.label.trim()})` : text;
}

/** Problems with a PACE ladder that a team lead can act on; an empty list means the ladder is ready. */
export function paceWarnings(levels: PaceLevel[], contacts: Contact[], now: Date): PaceWarning[] {
  const warnings: PaceWarning[] = [];
  const resolved: { level: PaceLevelName; contact: Contact; channel: Channel }[] = [];

  PACE_LEVELS.forEach((name, index) => {
    const label = PACE_LEVEL_LABELS[name];
    const level = levels.find((l) => l.level === name);
    if (!level) {
      warnings.push({ level: name, code: 'missing-level', message: missingMessage(label, index) });
      return;
    }
    const hasInstruction = level.instruction.trim() !== '';
    const target = resolveTarget(level, contacts);
    if (target.kind === 'problem') {
      warnings.push({ level: name, code: 'unknown-channel', message: `${label} level: ${target.problem}` });
      return;
    }
    if (target.kind === 'no-channel') {
      if (!hasInstruction) {
        const half = target.contact
          ? ` It names ${target.contact.name} but no channel: choose one of their channels.`
          : ' Choose a contact and one of their channels, or write what a person must do.';
        warnings.push({
          level: name,
          code: 'missing-level',
          message: `${label} level has neither a channel nor a manual instruction.${half}`,
        });
      }
      return;
    }
    const { contact, channel } = target;
    resolved.push({ level: name, contact, channel });
    const who = `${contact.name}'s ${describeChannel(channel)}`;
    const tested = channel.lastTestedAt === null ? Number.NaN : Date.parse(channel.lastTestedAt);
    if (Number.isNaN(tested)) {
      warnings.push({
        level: name,
        code: 'untested-channel',
        message: `${label} level: ${who} has never been tested. Send a test message and record the acknowledgement.`,
      });
    } else if (tested < subDays(now, STALE_TEST_DAYS).getTime()) {
      const days = differenceInCalendarDays(now, tested);
      const on = new Date(tested).toISOString().slice(0, 10);
      warnings.push({
        level: name,
        code: 'stale-test',
        message: `${label} level: ${who} was last tested on ${on}, ${days} days ago (more than ${STALE_TEST_DAYS}). Test it again.`,
      });
    }
  });

  for (let i = 0; i < resolved.length; i++) {
    for (let j = i + 1; j < resolved.length; j++) {
      const a = resolved[i];
      const b = resolved[j];
      const shared = sharedInfrastructure(a.channel, b.channel);
      if (!shared) continue;
      const first = PACE_LEVEL_LABELS[a.level];
      const second = PACE_LEVEL_LABELS[b.level];
      warnings.push({
        level: b.level,
        code: 'shared-infrastructure',
        message:
          `${first} and ${second} levels ${shared}: ${a.contact.name}'s ${describeChannel(a.channel)} and ` +
          `${b.contact.name}'s ${describeChannel(b.channel)}. If it is down or compromised both fail; ` +
          `move the ${second} level to a channel on other infrastructure.`,
      });
    }
  }
  return warnings;
}

function missingMessage(label: string, index: number): string {
  if (index === 0) return 'No Primary level: add the channel to try first.';
  const previous = PACE_LEVEL_LABELS[PACE_LEVELS[index - 1]];
  return `No ${label} level: add a channel or a manual instruction to fall back on when the ${previous} level fails.`;
}

type Target =
  | { kind: 'problem'; problem: string }
  | { kind: 'no-channel'; contact: Contact | null }
  | { kind: 'channel'; contact: Contact; channel: Channel };

function resolveTarget(level: PaceLevel, contacts: Contact[]): Target {
  if (level.contactId === null) return { kind: 'no-channel', contact: null };
  const contact = contacts.find((c) => c.id === level.contactId);
  if (!contact) {
    return {
      kind: 'problem',
      problem: `it points at a contact (id "${level.contactId}") that is not in this plan's contacts; it was deleted or belongs to someone else. Choose another contact.`,
    };
  }
  if (level.channelId === null) return { kind: 'no-channel', contact };
  const channel = contact.channels.find((c) => c.id === level.channelId);
  if (!channel) {
    return {
      kind: 'problem',
      problem: `it points at a channel (id "${level.channelId}") that ${contact.name} no longer has. Choose one of their current channels.`,
    };
  }
  return { kind: 'channel', contact, channel };
}

/** Why two channels would fail together, or null when they look independent. */
function sharedInfrastructure(a: Channel, b: Channel): string | null {
  if (a.id === b.id) return 'use the same channel';
  const ka = infrastructureKey(a);
  const kb = infrastructureKey(b);
  if (!ka || !kb || ka.key !== kb.key) return null;
  return ka.shared;
}

const PROVIDERS: { name: string; matches: (host: string) => boolean }[] = [
  { name: 'Slack', matches: (h) => h === 'slack.com' || h.endsWith('.slack.com') },
  {
    name: 'Microsoft Teams',
    matches: (h) => h.endsWith('.webhook.office.com') || h === 'outlook.office.com' || h.endsWith('.logic.azure.com'),
  },
];

/**
 * What a channel depends on, as a comparable key. Manual channels (a person doing something) depend on nothing
 * we can see; a phone number is one handset whether it is texted or called.
 */
function infrastructureKey(channel: Channel): { key: string; shared: string } | null {
  switch (channel.type) {
    case 'manual':
      return null;
    case 'email': {
      const domain = /@([^@\s>]+)\s*>?\s*$/.exec(channel.address.trim())?.[1]?.toLowerCase();
      return domain ? { key: `email:${domain}`, shared: `both send e-mail to the domain ${domain}` } : null;
    }
    case 'sms':
    case 'voice': {
      const number = phoneNumber(channel.address);
      return number ? { key: `phone:${number}`, shared: `both reach the phone number ${number}` } : null;
    }
    default: {
      const host = urlHost(channel.address);
      if (!host) return null;
      const provider = PROVIDERS.find((p) => p.matches(host));
      if (provider) return { key: `web:${provider.name}`, shared: `both post to ${provider.name} webhooks` };
      return { key: `web:${host}`, shared: `both post to the host ${host}` };
    }
  }
}

function phoneNumber(address: string): string | null {
  const compact = address.replace(/[\s().-]/g, '').replace(/^00/, '+');
  return /^\+?\d{3,}$/.test(compact) ? compact : null;
}

function urlHost(address: string): string | null {
  try {
    return new URL(address.trim()).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}
