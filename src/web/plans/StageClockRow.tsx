import { Badge, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { Waiver } from '../../shared/api-types.ts';
import type { StageClock } from '../../shared/prepare-types.ts';
import { formatAbsolute } from '../core/time.ts';
import { formatSpan } from './use-ticker.ts';

type Shown = StageClock['status'];

const STATUS: Record<Shown, { color: string; label: string }> = {
  running: { color: 'blue', label: 'Running' },
  overdue: { color: 'red', label: 'Overdue' },
  met: { color: 'teal', label: 'Met' },
  'met-late': { color: 'yellow', label: 'Met late' },
  waiting: { color: 'gray', label: 'Not started' },
  waived: { color: 'gray', label: 'Waived' },
};

interface StageClockRowProps {
  stage: StageClock;
  now: number;
  /** How it was met (the recipient's reference), shown under a met clock. */
  submission?: string | null;
  /** The incident's record of a waived stage: who waived it, when and why. */
  waiver?: Waiver | null;
  /** Actions on the stage (record a submission, waive it), under the clock. */
  children?: React.ReactNode;
}

/** One stage's clock: status, countdown (or how late it is), and how much of the time is already gone. */
export function StageClockRow({ stage, now, submission, waiver, children }: StageClockRowProps) {
  const due = stage.dueAt ? Date.parse(stage.dueAt) : null;
  const started = stage.startedAt ? Date.parse(stage.startedAt) : null;
  // The server evaluated the status when it answered; a running clock turns overdue here the moment it passes.
  const status: Shown = stage.status === 'running' && due !== null && now > due ? 'overdue' : stage.status;
  const { color, label } = STATUS[status];
  const span = due !== null && started !== null ? due - started : 0;
  const gone = span > 0 && started !== null ? Math.min(100, Math.max(0, ((now - started) / span) * 100)) : 100;
  const urgent = status === 'running' && due !== null && (due - now < 3_600_000 || gone > 75);

  let headline: string;
  if (status === 'waiting') headline = 'Its clock has not started';
  else if (status === 'waived') headline = 'Waived: not owed';
  else if (status === 'met' || status === 'met-late')
    headline = `Submitted ${stage.submittedAt ? formatAbsolute(stage.submittedAt) : ''}`;
  else if (due === null) headline = '';
  else if (status === 'overdue') headline = `Overdue by ${formatSpan(now - due)}`;
  else headline = `Due in ${formatSpan(due - now)}`;

  return (
    <Stack gap={4} data-stage-status={status}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500}>
          {stage.name}
        </Text>
        <Badge size="sm" color={urgent ? 'orange' : color} variant={status === 'overdue' ? 'filled' : 'light'}>
          {label}
        </Badge>
      </Group>
      {headline && (
        <Text size="sm" fw={700} c={status === 'overdue' ? 'red' : urgent ? 'orange' : undefined} aria-live="off">
          {headline}
        </Text>
      )}
      {(status === 'running' || status === 'overdue') && due !== null && (
        <>
          <Tooltip label={`${Math.round(gone)}% of the time is gone`} withArrow>
            <Progress
              value={gone}
              color={status === 'overdue' ? 'red' : urgent ? 'orange' : 'blue'}
              size="sm"
              aria-label={`${Math.round(gone)}% of the time to ${stage.name} is gone`}
            />
          </Tooltip>
          <Text size="xs" c="dimmed">
            Due <time dateTime={stage.dueAt ?? undefined}>{formatAbsolute(stage.dueAt as string)}</time>
            {started !== null && started < now && <> · clock started {formatSpan(now - started)} ago</>}
          </Text>
        </>
      )}
      {(status === 'met' || status === 'met-late') && submission && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {submission}
        </Text>
      )}
      {status === 'waived' && waiver && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          Waived{waiver.by ? ` by ${waiver.by}` : ''} at <time dateTime={waiver.at}>{formatAbsolute(waiver.at)}</time>:{' '}
          {waiver.reason}
        </Text>
      )}
      {status === 'waived' && !waiver && stage.waivedReason && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          Why: {stage.waivedReason}
        </Text>
      )}
      {stage.wording && status !== 'waived' && (
        <Text size="xs" c="dimmed" fs="italic">
          “{stage.wording}”
        </Text>
      )}
      {children}
    </Stack>
  );
}
