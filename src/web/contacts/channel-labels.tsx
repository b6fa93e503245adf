import type { MantineColor } from '@mantine/core';
import {
  IconBrandSlack,
  IconBrandTeams,
  IconHandStop,
  IconMail,
  IconMessage,
  IconMessages,
  IconPhone,
  IconWebhook,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { CHANNEL_TYPES, type ChannelType } from '../../shared/prepare-types.ts';

export const CHANNEL_LABELS: Record<ChannelType, string> = {
  email: 'E-mail',
  sms: 'SMS',
  voice: 'Voice call',
  slack: 'Slack',
  teams: 'Microsoft Teams',
  mattermost: 'Mattermost',
  webhook: 'Signed webhook',
  manual: 'Manual (a person does it)',
};

/** What goes in the address field, by channel type. */
export const ADDRESS_HINTS: Record<ChannelType, { label: string; placeholder: string }> = {
  email: { label: 'E-mail address', placeholder: 'soc@acme.example' },
  sms: { label: 'Mobile number', placeholder: '+47 912 34 567' },
  voice: { label: 'Phone number', placeholder: '+47 22 12 34 56' },
  slack: { label: 'Incoming webhook URL', placeholder: 'https://hooks.slack.com/services/…' },
  teams: { label: 'Incoming webhook URL', placeholder: 'https://…webhook.office.com/…' },
  mattermost: { label: 'Incoming webhook URL', placeholder: 'https://chat.example/hooks/…' },
  webhook: { label: 'Webhook URL', placeholder: 'https://soc.acme.example/muster' },
  manual: { label: 'Instruction', placeholder: 'Signal group “ACME IR”, or call the duty phone' },
};

export function channelIcon(type: ChannelType, size = 16): ReactNode {
  switch (type) {
    case 'email':
      return <IconMail size={size} aria-hidden />;
    case 'sms':
      return <IconMessage size={size} aria-hidden />;
    case 'voice':
      return <IconPhone size={size} aria-hidden />;
    case 'slack':
      return <IconBrandSlack size={size} aria-hidden />;
    case 'teams':
      return <IconBrandTeams size={size} aria-hidden />;
    case 'mattermost':
      return <IconMessages size={size} aria-hidden />;
    case 'webhook':
      return <IconWebhook size={size} aria-hidden />;
    case 'manual':
      return <IconHandStop size={size} aria-hidden />;
  }
}

export const CHANNEL_OPTIONS = CHANNEL_TYPES.map((t) => ({ value: t, label: CHANNEL_LABELS[t] }));

/** A channel not tested for this long is treated as untested. */
export const STALE_TEST_DAYS = 90;

export type TestState = 'never' | 'stale' | 'recent';

export function testState(lastTestedAt: string | null, now: number): TestState {
  if (!lastTestedAt) return 'never';
  return now - Date.parse(lastTestedAt) > STALE_TEST_DAYS * 86_400_000 ? 'stale' : 'recent';
}

export const TEST_COLORS: Record<TestState, MantineColor> = { never: 'orange', stale: 'orange', recent: 'teal' };
