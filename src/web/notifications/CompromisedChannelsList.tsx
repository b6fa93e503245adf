import { Alert, List, Text } from '@mantine/core';
import { IconShieldX } from '@tabler/icons-react';
import type { CompromisedChannel } from '../../shared/notification-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';

/** The channels nobody may use for this incident, and why. */
export function CompromisedChannelsList({ compromised }: { compromised: CompromisedChannel[] }) {
  if (compromised.length === 0) return null;
  return (
    <Alert
      color="red"
      variant="light"
      p="xs"
      icon={<IconShieldX size={18} />}
      title={`${compromised.length} channel${compromised.length === 1 ? '' : 's'} declared compromised: not used`}
    >
      <List size="xs" spacing={4}>
        {compromised.map((c) => (
          <List.Item key={c.id}>
            <Text span size="xs" fw={600}>
              {c.channel}
            </Text>{' '}
            — {c.scope === 'incident' ? 'for this incident' : 'for every incident of the customer'}: {c.reason} ({c.declaredBy},{' '}
            <RelativeTime value={c.declaredAt} span />)
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
