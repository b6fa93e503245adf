import { Button, Group, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Channel } from '../../shared/prepare-types.ts';
import { errorMessage } from '../core/error-message.ts';
import { registryKeys } from '../customers/registry-api.ts';
import { useNotification, useTestChannel } from '../notifications/notifications-api.ts';
import { CHANNEL_TYPE_LABELS } from '../pace/pace-labels.ts';

/**
 * "Test": sends a test message on the channel and follows it until the recipient acknowledges it (the channel then
 * shows when it was tested and how fast it was acknowledged) or its delivery fails.
 */
export function ChannelTestButton({ contactId, channel }: { contactId: string; channel: Channel }) {
  const client = useQueryClient();
  const test = useTestChannel();
  const [testId, setTestId] = useState<string | null>(null);
  const sent = useNotification(testId);
  // The contact's channel shows the acknowledgement (a live registry message) before the next poll may.
  const ackedOnChannel = Boolean(
    sent.data && channel.lastTestedAt && Date.parse(channel.lastTestedAt) >= Date.parse(sent.data.createdAt),
  );
  const status = ackedOnChannel ? 'acknowledged' : sent.data?.status;

  // The acknowledgement marks the channel tested on the contact: show it (a live registry message does too).
  useEffect(() => {
    if (status === 'acknowledged') void client.invalidateQueries({ queryKey: registryKeys.all });
  }, [status, client]);

  const start = () => test.mutate({ contactId, channelId: channel.id }, { onSuccess: (n) => setTestId(n.id) });
  const failure = sent.data?.attempts.findLast((a) => a.outcome === 'failed')?.reason;

  let line: React.ReactNode = null;
  if (test.isError)
    line = (
      <Text size="xs" c="red">
        {errorMessage(test.error)}
      </Text>
    );
  else if (status === 'acknowledged')
    line = (
      <Text size="xs" c="teal">
        Test acknowledged
      </Text>
    );
  else if (status === 'failed' || status === 'exhausted')
    line = (
      <Text size="xs" c="red">
        Test failed{failure ? `: ${failure}` : ''}
      </Text>
    );
  else if (testId)
    line = (
      <Text size="xs" c="blue" role="status">
        Test sent — waiting for acknowledgement
      </Text>
    );

  // Sending again is fine once the test is out (nobody may be there to acknowledge it); not while it is on its way.
  const waiting = testId !== null && (status === undefined || status === 'delivering');
  return (
    <Group gap={6} wrap="wrap">
      <Button
        size="compact-xs"
        variant="light"
        leftSection={<IconSend size={12} />}
        loading={test.isPending}
        disabled={waiting}
        onClick={start}
        aria-label={`Test ${CHANNEL_TYPE_LABELS[channel.type]} ${channel.address}`}
      >
        Test
      </Button>
      {line}
    </Group>
  );
}
