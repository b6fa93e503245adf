import { Badge, Group, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import type { Channel } from '../../shared/prepare-types.ts';
import { formatAbsolute, formatRelative } from '../core/time.ts';
import { useNow } from '../core/use-now.ts';
import { ChannelTestButton } from './ChannelTestButton.tsx';
import { CHANNEL_LABELS, channelIcon, STALE_TEST_DAYS, TEST_COLORS, testState } from './channel-labels.tsx';

/** "12 s", "4 min": how long the last test took to be acknowledged. */
function ackSpan(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

interface ChannelLineProps {
  channel: Channel;
  /** With the contact's id and the right to change it, channels a machine delivers on get a "Test" button. */
  contactId?: string;
  canTest?: boolean;
}

/** One way to reach a contact: type, address, whether it is verified and how recently it was tested. */
export function ChannelLine({ channel, contactId, canTest }: ChannelLineProps) {
  const now = useNow();
  const state = testState(channel.lastTestedAt, now);
  const tested = state === 'never' ? 'Never tested' : `Tested ${formatRelative(channel.lastTestedAt as string, now)}`;
  const tip =
    state === 'never'
      ? 'Nobody has checked that this channel works: test it before you need it'
      : state === 'stale'
        ? `Last tested ${formatAbsolute(channel.lastTestedAt as string)} — more than ${STALE_TEST_DAYS} days ago: test it again`
        : `Last tested ${formatAbsolute(channel.lastTestedAt as string)}`;

  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Tooltip label={CHANNEL_LABELS[channel.type]} withArrow>
        <ThemeIcon variant="light" color="gray" size={28} radius="md" aria-label={CHANNEL_LABELS[channel.type]} role="img">
          {channelIcon(channel.type)}
        </ThemeIcon>
      </Tooltip>
      <div style={{ minWidth: 0, flex: 1 }}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }} lineClamp={2}>
          {channel.address}
        </Text>
        <Group gap={6} mt={2}>
          {channel.label && (
            <Text size="xs" c="dimmed">
              {channel.label}
            </Text>
          )}
          {channel.verified ? (
            <Badge size="xs" variant="light" color="teal" leftSection={<IconCircleCheck size={10} aria-hidden />}>
              Verified
            </Badge>
          ) : (
            <Badge size="xs" variant="light" color="gray">
              Not verified
            </Badge>
          )}
          <Tooltip label={tip} withArrow multiline maw={300}>
            <Badge
              size="xs"
              variant={state === 'recent' ? 'light' : 'filled'}
              color={TEST_COLORS[state]}
              leftSection={state === 'recent' ? undefined : <IconAlertTriangle size={10} aria-hidden />}
              tt="none"
            >
              {tested}
            </Badge>
          </Tooltip>
          {typeof channel.lastAckSeconds === 'number' && (
            <Text size="xs" c="dimmed">
              acknowledged in {ackSpan(channel.lastAckSeconds)}
            </Text>
          )}
        </Group>
        {canTest && contactId && channel.type !== 'manual' && channel.type !== 'voice' && (
          <div style={{ marginTop: 4 }}>
            <ChannelTestButton contactId={contactId} channel={channel} />
          </div>
        )}
      </div>
    </Group>
  );
}
