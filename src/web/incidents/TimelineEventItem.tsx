import { Blockquote, Group, Paper, Stack, Text } from '@mantine/core';
import type { TimelineEvent } from '../../shared/api-types.ts';
import { Markdown } from '../core/Markdown.tsx';
import { RelativeTime } from '../core/RelativeTime.tsx';
import type { EventDescription } from './event-description.ts';

interface TimelineEventItemProps {
  event: TimelineEvent;
  description: EventDescription;
}

/** The body of one timeline entry: sentence, time, then reason, details or note text. */
export function TimelineEventItem({ event, description }: TimelineEventItemProps) {
  const actor = event.actor?.name ?? 'Muster';
  return (
    <Stack gap={6} data-event-type={event.type} data-seq={event.seq}>
      <Group gap={8} justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="sm">
          <Text span fw={600} inherit>
            {actor}
          </Text>{' '}
          {description.summary}
        </Text>
        <RelativeTime value={event.occurredAt} size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} />
      </Group>
      {description.reason && (
        <Blockquote p="xs" pl="sm" fz="sm" color="gray" iconSize={0} style={{ whiteSpace: 'pre-wrap' }}>
          <Text span size="xs" c="dimmed" fw={600} mr={6}>
            Reason:
          </Text>
          {description.reason}
        </Blockquote>
      )}
      {description.details.length > 0 && (
        <Stack gap={0}>
          {description.details.map((line) => (
            <Text key={line} size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {line}
            </Text>
          ))}
        </Stack>
      )}
      {description.markdown !== null && (
        <Paper withBorder radius="md" px="md" py={4} bg="var(--mantine-color-default-hover)">
          <Markdown>{description.markdown}</Markdown>
        </Paper>
      )}
    </Stack>
  );
}
