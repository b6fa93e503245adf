import { Button, Group, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconCheck, IconFlag } from '@tabler/icons-react';
import type { Incident } from '../../shared/api-types.ts';
import { MILESTONES, type Milestone } from '../../shared/incident-vocabulary.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { formatAbsolute, formatShort } from '../core/time.ts';
import { MILESTONE_LABELS } from './incident-labels.ts';
import type { useIncidentActions } from './incidents-api.ts';

const TIME_OF: Record<Milestone, 'containedAt' | 'eradicatedAt' | 'resolvedAt'> = {
  contained: 'containedAt',
  eradicated: 'eradicatedAt',
  resolved: 'resolvedAt',
};

interface MilestoneActionsProps {
  incident: Incident;
  action: ReturnType<typeof useIncidentActions>['milestone'];
  canAct: boolean;
}

/** Contained → eradicated → resolved, recorded while responding or recovering. */
export function MilestoneActions({ incident, action, canAct }: MilestoneActionsProps) {
  const open = incident.status === 'responding' || incident.status === 'recovering';
  const anyRecorded = MILESTONES.some((m) => incident.times[TIME_OF[m]]);
  if (!open && !anyRecorded) return null;

  const record = (milestone: Milestone) =>
    action.mutate(
      { milestone },
      {
        onSuccess: (next) => notifySuccess(`${next.key} recorded as ${milestone}`),
        onError: (error) => notifyError(`Could not record ${milestone}`, error),
      },
    );

  return (
    <Stack gap={8}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        Milestones
      </Text>
      {MILESTONES.map((m) => {
        const at = incident.times[TIME_OF[m]];
        if (at) {
          return (
            <Group key={m} gap="xs" wrap="nowrap" data-milestone={m}>
              <ThemeIcon size="sm" radius="xl" color="teal" aria-hidden>
                <IconCheck size={12} />
              </ThemeIcon>
              <Text size="sm" fw={500}>
                {MILESTONE_LABELS[m]}
              </Text>
              <Text size="xs" c="dimmed" title={formatAbsolute(at)}>
                {formatShort(at)}
              </Text>
            </Group>
          );
        }
        if (!open || !canAct) {
          return (
            <Text key={m} size="sm" c="dimmed">
              {MILESTONE_LABELS[m]}: {open ? 'not yet' : 'not recorded'}
            </Text>
          );
        }
        const needsContained = m !== 'contained' && !incident.times.containedAt;
        const button = (
          <Button
            key={m}
            variant="default"
            fullWidth
            justify="flex-start"
            leftSection={<IconFlag size={16} />}
            loading={action.isPending && action.variables?.milestone === m}
            data-disabled={needsContained || undefined}
            aria-disabled={needsContained || undefined}
            onClick={(e) => {
              if (needsContained) e.preventDefault();
              else record(m);
            }}
          >
            Record {m}
          </Button>
        );
        return needsContained ? (
          <Tooltip key={m} label="Record that the incident is contained first" withArrow position="left">
            {button}
          </Tooltip>
        ) : (
          <div key={m}>{button}</div>
        );
      })}
    </Stack>
  );
}
