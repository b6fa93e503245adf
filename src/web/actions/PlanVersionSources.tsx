import { Alert, Anchor, Group, Text } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PlanVersionSource } from '../../shared/prepare-types.ts';

/** On a plan version: the reviews it came from, each linking to its incident, with how many actions it completed. */
export function PlanVersionSources({ sources }: { sources: PlanVersionSource[] | undefined }) {
  if (!sources?.length) return null;
  return (
    <Alert color="indigo" variant="light" icon={<IconBulb size={18} />} p="sm" aria-label="Reviews this version came from">
      <Group gap="md">
        {sources.map((s) => (
          <Text key={s.incidentId} size="sm">
            From the review of{' '}
            <Anchor component={Link} to={`/incidents/${encodeURIComponent(s.incidentKey)}`} size="sm" fw={600}>
              {s.incidentKey}
            </Anchor>{' '}
            <Text span c="dimmed" size="sm">
              ({s.actionIds.length} action{s.actionIds.length === 1 ? '' : 's'} done)
            </Text>
          </Text>
        ))}
      </Group>
    </Alert>
  );
}
