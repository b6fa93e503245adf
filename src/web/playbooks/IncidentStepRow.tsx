import { Badge, Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconHourglass, IconMessageQuestion, IconPoint } from '@tabler/icons-react';
import type { Notification } from '../../shared/notification-types.ts';
import type { PlaybookStep } from '../../shared/prepare-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { statusStyle } from '../notifications/notification-labels.ts';
import { doneLabel, type StepState } from './incident-step-state.ts';
import { PHASE_COLORS, PHASE_LABELS } from './playbook-labels.ts';
import { StepAnswer } from './StepAnswer.tsx';

interface IncidentStepRowProps {
  step: PlaybookStep;
  state: StepState;
  canAct: boolean;
  /** This step's "Mark done" is being recorded. */
  pending: boolean;
  onDone: () => void;
  onAsk: () => void;
  onOverride: () => void;
  /** The customer answered the open request outside their link (by phone, in person). */
  onRecordAnswer: (request: Notification) => void;
}

const ICONS: Record<StepState['kind'], { icon: React.ReactNode; color: string }> = {
  done: { icon: <IconCheck size={14} />, color: 'teal' },
  open: { icon: <IconPoint size={14} />, color: 'gray' },
  approved: { icon: <IconPoint size={14} />, color: 'blue' },
  declined: { icon: <IconHourglass size={14} />, color: 'red' },
  waiting: { icon: <IconHourglass size={14} />, color: 'orange' },
  ask: { icon: <IconMessageQuestion size={14} />, color: 'orange' },
};

/** One playbook step on the incident: done (by whom, overridden?), to do, or blocked until the customer instructs. */
export function IncidentStepRow({
  step,
  state,
  canAct,
  pending,
  onDone,
  onAsk,
  onOverride,
  onRecordAnswer,
}: IncidentStepRowProps) {
  const look = ICONS[state.kind];
  const blocked = state.kind === 'ask' || state.kind === 'waiting' || state.kind === 'declined';
  const unanswered = state.kind === 'waiting' ? state.request : state.kind === 'declined' ? state.unanswered : null;
  const label = doneLabel(state);
  // Done their way, or against their refusal: what they said stays in view next to "Done".
  const doneAnswer = state.kind === 'done' && state.answer?.decision !== 'approve' ? state.answer : null;
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" component="li" aria-label={step.title} data-step-state={state.kind}>
      <ThemeIcon size={22} radius="xl" variant={state.kind === 'done' ? 'filled' : 'light'} color={look.color} aria-hidden>
        {look.icon}
      </ThemeIcon>
      <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
        <Text size="sm" fw={500}>
          {step.title}
        </Text>
        <Group gap={4}>
          <Badge size="xs" variant="light" color={PHASE_COLORS[step.phase]}>
            {PHASE_LABELS[step.phase]}
          </Badge>
          {step.needsCustomerInstruction && (
            <Badge size="xs" variant="outline" color="orange" tt="none">
              Needs the customer’s instruction
            </Badge>
          )}
        </Group>

        {state.kind === 'done' && (
          <Text size="xs" c="dimmed">
            {doneAnswer?.decision === 'instruct' ? 'Done as instructed' : 'Done'} <RelativeTime value={state.done.at} span /> by{' '}
            {state.done.by}
          </Text>
        )}
        {doneAnswer && <StepAnswer answer={doneAnswer} />}
        {state.kind === 'done' && state.done.override && (
          <Text size="xs" c="orange">
            Done without the customer’s instruction — flagged for the review: {state.done.override}
          </Text>
        )}
        {(state.kind === 'approved' || state.kind === 'declined') && <StepAnswer answer={state.answer} />}
        {unanswered && (
          <Text size="xs" c="orange" fw={600}>
            {state.kind === 'declined' ? 'Asked again, waiting for their answer' : 'Waiting for the customer’s instruction'}{' '}
            <Text span c="dimmed" fw={400} inherit>
              (asked <RelativeTime value={unanswered.createdAt} span />, {statusStyle(unanswered).label.toLowerCase()})
            </Text>
          </Text>
        )}

        {canAct && state.kind !== 'done' && (
          <Group gap={6}>
            {state.kind === 'ask' && (
              <Button size="compact-xs" onClick={onAsk} aria-label={`Ask the customer: ${step.title}`}>
                Ask the customer
              </Button>
            )}
            {unanswered && (
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => onRecordAnswer(unanswered)}
                aria-label={`Record their answer: ${step.title}`}
              >
                Record their answer…
              </Button>
            )}
            {blocked ? (
              <Button
                size="compact-xs"
                variant="subtle"
                color="orange"
                onClick={onOverride}
                aria-label={`Override: ${step.title}`}
              >
                Override…
              </Button>
            ) : (
              <Button
                size="compact-xs"
                variant="light"
                color="teal"
                loading={pending}
                onClick={onDone}
                aria-label={`${label}: ${step.title}`}
              >
                {label}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Group>
  );
}
