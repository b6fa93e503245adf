import { Divider, Paper, Stack, Text, Title } from '@mantine/core';
import type { Incident } from '../../shared/api-types.ts';
import type { useIncidentActions } from './incidents-api.ts';
import { MilestoneActions } from './MilestoneActions.tsx';
import { TransitionActions } from './TransitionActions.tsx';

interface NextStepsPanelProps {
  incident: Incident;
  actions: ReturnType<typeof useIncidentActions>;
  canAct: boolean;
}

/** The moves available from the current stage, and the response milestones. */
export function NextStepsPanel({ incident, actions, canAct }: NextStepsPanelProps) {
  const hasMilestones =
    incident.status === 'responding' ||
    incident.status === 'recovering' ||
    Boolean(incident.times.containedAt || incident.times.resolvedAt);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="next-steps-title">
      <Title order={2} fz="h4" mb="sm" id="next-steps-title">
        Next steps
      </Title>
      <Stack gap="md">
        {canAct ? (
          <TransitionActions incident={incident} action={actions.transition} />
        ) : (
          <Text size="sm" c="dimmed">
            You can follow this incident; your role (viewer) cannot change it.
          </Text>
        )}
        {hasMilestones && (
          <>
            <Divider />
            <MilestoneActions incident={incident} action={actions.milestone} canAct={canAct} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
