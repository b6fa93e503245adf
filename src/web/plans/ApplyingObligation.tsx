import { Divider, Paper, Stack, Text } from '@mantine/core';
import { Fragment } from 'react';
import type { Contact, IncidentPlan } from '../../shared/prepare-types.ts';
import { ObligationCitation } from '../obligations/ObligationCitation.tsx';
import { StageClockRow } from './StageClockRow.tsx';

/** An obligation that applies to the incident now: who to tell, and each stage's clock. */
export function ApplyingObligation({
  verdict,
  contacts,
  now,
}: {
  verdict: IncidentPlan['obligations'][number];
  contacts: readonly Contact[];
  now: number;
}) {
  const { definition, recipientContactId } = verdict.obligation;
  const recipient = contacts.find((c) => c.id === recipientContactId);
  const overdue = verdict.stages.some(
    (s) => s.status === 'overdue' || (s.status === 'running' && s.dueAt && Date.parse(s.dueAt) < now),
  );
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      style={{ borderLeft: `4px solid var(--mantine-color-${overdue ? 'red' : 'blue'}-6)` }}
      component="article"
      aria-label={definition.name}
    >
      <Stack gap={6}>
        <div>
          <Text size="sm" fw={700}>
            {definition.name}
          </Text>
          <ObligationCitation source={definition.source} size="xs" />
          <Text size="xs" c="dimmed">
            Tell: {recipient ? `${recipient.name}` : definition.recipient}
          </Text>
        </div>
        {verdict.stages.map((stage, i) => (
          <Fragment key={stage.stageId}>
            {i > 0 && <Divider variant="dashed" />}
            <StageClockRow stage={stage} now={now} />
          </Fragment>
        ))}
      </Stack>
    </Paper>
  );
}
