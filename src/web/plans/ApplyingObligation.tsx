import { Button, Divider, Group, Paper, Stack, Text } from '@mantine/core';
import { Fragment, useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import type { Contact, IncidentPlan, StageClock } from '../../shared/prepare-types.ts';
import { notifySuccess } from '../core/notify.ts';
import { ReasonModal } from '../core/ReasonModal.tsx';
import { useStageActions } from '../deadlines/deadlines-api.ts';
import { ObligationCitation } from '../obligations/ObligationCitation.tsx';
import { RecordSubmissionModal, type StageTarget } from './RecordSubmissionModal.tsx';
import { StageClockRow } from './StageClockRow.tsx';

interface ApplyingObligationProps {
  verdict: IncidentPlan['obligations'][number];
  contacts: readonly Contact[];
  now: number;
  incident: Incident;
  /** May record submissions and waivers (a responder of the customer). */
  canAct: boolean;
}

const OPEN: ReadonlySet<StageClock['status']> = new Set(['waiting', 'running', 'overdue']);

/** An obligation that applies to the incident now: who to tell, each stage's clock, and recording how it was met. */
export function ApplyingObligation({ verdict, contacts, now, incident, canAct }: ApplyingObligationProps) {
  const { definition, recipientContactId } = verdict.obligation;
  const recipient = contacts.find((c) => c.id === recipientContactId);
  const actions = useStageActions(incident);
  const [submitting, setSubmitting] = useState<StageTarget | null>(null);
  const [waiving, setWaiving] = useState<StageTarget | null>(null);
  const overdue = verdict.stages.some(
    (s) => s.status === 'overdue' || (s.status === 'running' && s.dueAt && Date.parse(s.dueAt) < now),
  );
  const targetOf = (stage: StageClock): StageTarget => ({
    obligationId: verdict.obligationId,
    stageId: stage.stageId,
    title: `${definition.name} — ${stage.name}`,
    recipient: recipient?.name ?? definition.recipient,
  });
  const submissionWords = (stage: StageClock) => {
    const s = incident.submissions[`${verdict.obligationId}/${stage.stageId}`];
    if (!s) return null;
    const how = s.via === 'notification' ? 'by notification' : `reference ${s.reference}`;
    return `${how}${s.note ? ` · ${s.note}` : ''}`;
  };

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
            <StageClockRow
              stage={stage}
              now={now}
              submission={submissionWords(stage)}
              waiver={incident.waivers[`${verdict.obligationId}/${stage.stageId}`]}
            >
              {canAct && OPEN.has(stage.status) && (
                <Group gap={6} mt={2}>
                  <Button
                    size="compact-xs"
                    onClick={() => setSubmitting(targetOf(stage))}
                    aria-label={`Record submission: ${stage.name}`}
                  >
                    Record submission
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    onClick={() => setWaiving(targetOf(stage))}
                    aria-label={`Waive: ${stage.name}`}
                  >
                    Waive
                  </Button>
                </Group>
              )}
            </StageClockRow>
          </Fragment>
        ))}
      </Stack>
      <RecordSubmissionModal target={submitting} onClose={() => setSubmitting(null)} actions={actions} />
      <ReasonModal
        opened={waiving !== null}
        onClose={() => setWaiving(null)}
        title="Waive this stage"
        submitLabel="Waive"
        color="orange"
        description="Why it is not owed, e.g. the breach turned out to be unlikely to risk anyone’s rights. Kept for the review. Ctrl+Enter to confirm."
        pending={actions.waive.isPending}
        onSubmit={(reason) =>
          actions.waive
            .mutateAsync({ obligationId: waiving?.obligationId ?? '', stageId: waiving?.stageId ?? '', reason })
            .then(() => notifySuccess('Its clock has stopped; the reason is kept for the review.', `Waived: ${waiving?.title}`))
        }
      >
        <Text size="sm">
          <b>{waiving?.title}</b>: its clock stops and it no longer counts as due. The reason stays on the timeline and in the
          review.
        </Text>
      </ReasonModal>
    </Paper>
  );
}
