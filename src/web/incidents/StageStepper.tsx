import { Alert, Group, Paper, Progress, Stepper, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconBan } from '@tabler/icons-react';
import { type IncidentStatus, STAGES } from '../../shared/incident-vocabulary.ts';
import { STAGE_DESCRIPTIONS, STATUS_LABELS, stageDescription } from './incident-labels.ts';

/** Where the incident is in the ISO/IEC 27035 loop; a dismissed incident sits outside it. */
export function StageStepper({ status }: { status: IncidentStatus }) {
  const dismissed = status === 'dismissed';
  const active = status === 'closed' ? STAGES.length : dismissed ? 0 : STAGES.indexOf(status);
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const roomy = useMediaQuery('(min-width: 75em)', true, { getInitialValueInEffect: false });
  return (
    <Paper withBorder radius="md" p="md" component="nav" aria-label="Incident stage">
      {wide ? (
        <Stepper
          active={active}
          size="sm"
          iconSize={30}
          color={dismissed ? 'gray' : undefined}
          allowNextStepsSelect={false}
          styles={{ steps: { opacity: dismissed ? 0.45 : 1 } }}
        >
          {STAGES.map((stage) => (
            <Stepper.Step
              key={stage}
              label={STATUS_LABELS[stage]}
              description={roomy ? stageDescription(stage, status) : undefined}
              allowStepSelect={false}
              aria-current={stage === status ? 'step' : undefined}
            />
          ))}
        </Stepper>
      ) : (
        <CompactStage status={status} />
      )}
      {dismissed && (
        <Alert mt="md" color="gray" variant="light" icon={<IconBan size={18} />} title="Dismissed as a false positive">
          This was judged not to be an incident. The reason is on the timeline. Reopen it if new information appears.
        </Alert>
      )}
    </Paper>
  );
}

/** On a phone six steps do not fit: "Stage 3 of 6 · Responding" with a progress bar. */
function CompactStage({ status }: { status: IncidentStatus }) {
  if (status === 'dismissed') {
    return (
      <Text size="sm" fw={600} c="dimmed">
        Outside the stages: dismissed
      </Text>
    );
  }
  const index = STAGES.indexOf(status);
  return (
    <>
      <Group justify="space-between" mb={6}>
        <Text size="sm" fw={600}>
          Stage {index + 1} of {STAGES.length} · {STATUS_LABELS[status]}
        </Text>
        <Text size="xs" c="dimmed">
          {STAGE_DESCRIPTIONS[status]}
        </Text>
      </Group>
      <Progress value={status === 'closed' ? 100 : ((index + 0.5) / STAGES.length) * 100} size="sm" aria-hidden />
    </>
  );
}
