import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import { PACE_LEVELS, type PaceLevelName } from '../../shared/prepare-types.ts';
import { notifySuccess } from '../core/notify.ts';
import { ReasonModal } from '../core/ReasonModal.tsx';
import { PaceLevelBadge } from '../pace/PaceLevelBadge.tsx';
import { PACE_LEVEL_COLORS, PACE_LEVEL_LABELS } from '../pace/pace-labels.ts';
import type { NotificationActions } from './notifications-api.ts';

interface CommunicationLevelControlProps {
  incident: Incident;
  actions: NotificationActions;
  canAct: boolean;
}

/**
 * The PACE level the incident's communication is at, and the moves to another level: up when a channel cannot be
 * trusted or does not answer, back down when it can again. Each move asks why.
 */
export function CommunicationLevelControl({ incident, actions, canAct }: CommunicationLevelControlProps) {
  const current: PaceLevelName = incident.communicationLevel ?? 'primary';
  const [target, setTarget] = useState<PaceLevelName | null>(null);
  const index = PACE_LEVELS.indexOf(current);
  const up = target !== null && PACE_LEVELS.indexOf(target) > index;
  const verb = (level: PaceLevelName) => (PACE_LEVELS.indexOf(level) > index ? `Move to ${level}` : `Back to ${level}`);

  return (
    <Group justify="space-between" gap="xs" wrap="wrap" aria-label="Communication level" role="group">
      <Group gap={6}>
        <Text size="sm" c="dimmed">
          Communication level
        </Text>
        <PaceLevelBadge level={current} full data-testid="communication-level" />
      </Group>
      {canAct && (
        <Group gap={4}>
          {PACE_LEVELS.filter((l) => l !== current).map((level) => (
            <Button
              key={level}
              size="compact-xs"
              variant={PACE_LEVELS.indexOf(level) > index ? 'light' : 'subtle'}
              color={PACE_LEVEL_COLORS[level]}
              onClick={() => setTarget(level)}
            >
              {verb(level)}
            </Button>
          ))}
        </Group>
      )}
      <ReasonModal
        opened={target !== null}
        onClose={() => setTarget(null)}
        title={target ? `${verb(target)}: ${incident.key}` : ''}
        submitLabel={target ? verb(target) : ''}
        color={target ? PACE_LEVEL_COLORS[target] : undefined}
        pending={actions.setLevel.isPending}
        onSubmit={(reason) =>
          actions.setLevel
            .mutateAsync({ level: target as PaceLevelName, reason })
            .then(() => notifySuccess(`Communication is now at the ${target} level.`))
        }
      >
        <Text size="sm">
          {up
            ? `New notifications start at the ${PACE_LEVEL_LABELS[target as PaceLevelName].toLowerCase()} level, and those still walking a lower level move up now.`
            : `New notifications start at the ${target ?? ''} level again. Notifications already under way stay where they are.`}
        </Text>
      </ReasonModal>
    </Group>
  );
}
