import { Skeleton, Stack, Text, Timeline } from '@mantine/core';
import {
  IconAlarm,
  IconAlertOctagon,
  IconArrowRight,
  IconChecklist,
  IconFileCheck,
  IconFlag,
  IconGavel,
  IconMessage,
  IconPencil,
  IconPoint,
  IconSend,
  IconTargetArrow,
  IconUserStar,
} from '@tabler/icons-react';
import { useMemo } from 'react';
import { QueryView } from '../core/QueryView.tsx';
import { useIncidentNotifications } from '../notifications/notifications-api.ts';
import { obligationStageNames } from '../plans/plan-format.ts';
import { useIncidentPlan } from '../plans/plans-api.ts';
import { foldAppliedTasks, taskLine } from '../tasks/fold-task-events.ts';
import { describeEvent } from './describe-event.ts';
import type { EventKind, EventNames } from './event-description.ts';
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
  communication: { icon: <IconSend size={14} />, color: 'grape' },
  obligation: { icon: <IconFileCheck size={14} />, color: 'teal' },
  missed: { icon: <IconAlarm size={14} />, color: 'red' },
  step: { icon: <IconChecklist size={14} />, color: 'lime' },
  role: { icon: <IconUserStar size={14} />, color: 'indigo' },
  other: { icon: <IconPoint size={14} />, color: 'gray' },
};

/**
 * Everything that happened to the incident, oldest first, updated live. With the incident's version, obligation
 * stages are named from its plan (the same cached query as the plan panel's).
 */
export function IncidentTimeline({ incidentId, version }: { incidentId: string; version?: number }) {
  const timeline = useTimeline(incidentId);
  const plan = useIncidentPlan(incidentId, version ?? 0, version !== undefined);
  // The same cached query as the notification panel's.
  const notifications = useIncidentNotifications(incidentId);
  const names = useMemo<EventNames>(() => {
    const stages = obligationStageNames(plan.data);
    const sent = new Map((notifications.data?.items ?? []).map((n) => [n.id, n]));
    return {
      stage: (obligationId, stageId) => stages.get(`${obligationId}/${stageId}`) ?? null,
      ladderStep: (notificationId, level) => {
        const notification = sent.get(notificationId);
        const step = notification?.ladder.find((s) => s.level === level);
        return notification && step ? { recipient: step.contactName, manual: step.manual, purpose: notification.purpose } : null;
      },
    };
  }, [plan.data, notifications.data]);

  return (
    <QueryView
      query={timeline}
      loading={
        <Stack gap="lg" aria-busy aria-label="Loading timeline">
          {[0, 1, 2].map((i) => (
            <Stack key={i} gap={6}>
              <Skeleton h={12} w="60%" />
              <Skeleton h={10} w="35%" />
            </Stack>
          ))}
        </Stack>
      }
      errorTitle="Could not load the timeline"
      empty={
        <Text c="dimmed" size="sm">
          Nothing recorded yet.
        </Text>
      }
    >
      {(events) => {
        const shown = foldAppliedTasks(events);
        return (
          <Timeline
            bulletSize={26}
            lineWidth={2}
            active={shown.length - 1}
            aria-label="Timeline"
            component="ol"
            style={{ listStyle: 'none', margin: 0 }}
          >
            {shown.map(({ event, folded }, i) => {
              const described = describeEvent(event, shown[i - 1]?.event, names);
              // A playbook applied as tasks lists them in its own entry.
              const description = folded.length ? { ...described, details: folded.map(taskLine) } : described;
              const style = KIND_STYLE[description.kind];
              return (
                <Timeline.Item key={event.seq} bullet={style.icon} color={style.color} component="li">
                  <TimelineEventItem event={event} description={description} />
                </Timeline.Item>
              );
            })}
          </Timeline>
        );
      }}
    </QueryView>
  );
}
