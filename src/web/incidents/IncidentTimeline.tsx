import { Skeleton, Stack, Text, Timeline } from '@mantine/core';
import {
  IconAlertOctagon,
  IconArrowRight,
  IconFlag,
  IconGavel,
  IconMessage,
  IconPencil,
  IconPoint,
  IconTargetArrow,
} from '@tabler/icons-react';
import { ErrorState } from '../core/ErrorState.tsx';
import { describeEvent, type EventKind } from './describe-event.ts';
import { useTimeline } from './incidents-api.ts';
import { TimelineEventItem } from './TimelineEventItem.tsx';

const KIND_STYLE: Record<EventKind, { icon: React.ReactNode; color: string }> = {
  report: { icon: <IconAlertOctagon size={14} />, color: 'blue' },
  update: { icon: <IconPencil size={14} />, color: 'gray' },
  severity: { icon: <IconTargetArrow size={14} />, color: 'orange' },
  note: { icon: <IconMessage size={14} />, color: 'cyan' },
  decision: { icon: <IconGavel size={14} />, color: 'violet' },
  transition: { icon: <IconArrowRight size={14} />, color: 'indigo' },
  milestone: { icon: <IconFlag size={14} />, color: 'teal' },
  other: { icon: <IconPoint size={14} />, color: 'gray' },
};

/** Everything that happened to the incident, oldest first, updated live. */
export function IncidentTimeline({ incidentId }: { incidentId: string }) {
  const timeline = useTimeline(incidentId);

  if (timeline.isPending) {
    return (
      <Stack gap="lg" aria-busy aria-label="Loading timeline">
        {[0, 1, 2].map((i) => (
          <Stack key={i} gap={6}>
            <Skeleton h={12} w="60%" />
            <Skeleton h={10} w="35%" />
          </Stack>
        ))}
      </Stack>
    );
  }
  if (timeline.isError) {
    return <ErrorState title="Could not load the timeline" error={timeline.error} onRetry={() => timeline.refetch()} />;
  }
  if (timeline.data.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        Nothing recorded yet.
      </Text>
    );
  }

  return (
    <Timeline
      bulletSize={26}
      lineWidth={2}
      active={timeline.data.length - 1}
      aria-label="Timeline"
      component="ol"
      style={{ listStyle: 'none', margin: 0 }}
    >
      {timeline.data.map((event, i) => {
        const description = describeEvent(event, timeline.data[i - 1]);
        const style = KIND_STYLE[description.kind];
        return (
          <Timeline.Item key={event.seq} bullet={style.icon} color={style.color} component="li">
            <TimelineEventItem event={event} description={description} />
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
