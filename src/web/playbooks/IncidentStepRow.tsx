import { Badge, Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconHourglass, IconMessageQuestion, IconPoint } from '@tabler/icons-react';
import type { PlaybookStep } from '../../shared/prepare-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { DECISION_STYLE, STATUS_STYLE } from '../notifications/notification-labels.ts';
import type { StepState } from './incident-step-state.ts';
import { PHASE_COLORS, PHASE_LABELS } from './playbook-labels.ts';

interface IncidentStepRowProps {
  step: PlaybookStep;
  state: StepState;
  canAct: boolean;
  /** This step's "Done" is being recorded. */
  pending: boolean;
  onDone: () => void;
  onAsk: () => void;
  onOverride: () => void;
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
export function IncidentStepRow({ step, state, canAct, pending, onDone, onAsk, onOverride }: IncidentStepRowProps) {
  const look = ICONS[state.kind];
  const blocked = state.kind === 'ask' || state.kind === 'waiting' || state.kind === 'declined';
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
            Done <RelativeTime value={state.done.at} span /> by {state.done.by}
          </Text>
        )}
        {state.kind === 'done' && state.done.override && (
          <Text size="xs" c="orange">
            Done without the customer’s instruction — flagged for the review: {state.done.override}
          </Text>
        )}
        {(state.kind === 'approved' || state.kind === 'declined') && (
          <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
            <Badge size="xs" color={DECISION_STYLE[state.answer.decision].color} mr={4}>
              {DECISION_STYLE[state.answer.decision].label}
            </Badge>
            by {state.answer.by}
            {state.answer.text ? `: ${state.answer.text}` : ''}
          </Text>
        )}
        {state.kind === 'waiting' && (
          <Text size="xs" c="orange" fw={600}>
            Waiting for the customer’s instruction{' '}
            <Text span c="dimmed" fw={400} inherit>
              (asked <RelativeTime value={state.request.createdAt} span />,{' '}
              {STATUS_STYLE[state.request.status].label.toLowerCase()})
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
                aria-label={`Done: ${step.title}`}
              >
                Done
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Group>
  );
}
