import { Anchor, Badge, EmptyState, Group, Paper, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconClockCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ClockAtRisk, DashboardPart } from '../../shared/dashboard-types.ts';
import { ErrorState } from '../core/ErrorState.tsx';
import { formatAbsolute, formatWhen } from '../core/time.ts';
import { useNow } from '../core/use-now.ts';
import { ExerciseBadge } from '../incidents/ExerciseBadge.tsx';
import { STATUS_LABELS } from '../incidents/incident-labels.ts';
import { dueWords } from './due-words.ts';

const HOUR = 3_600_000;

function ClockRow({ clock, now }: { clock: ClockAtRisk; now: number }) {
  const left = Date.parse(clock.dueAt) - now;
  const color = left <= 0 ? 'red' : left <= 4 * HOUR ? 'orange' : undefined;
  return (
    <Group
      component="li"
      gap="sm"
      wrap="nowrap"
      justify="space-between"
      align="flex-start"
      data-overdue={left <= 0 || undefined}
      style={{ listStyle: 'none' }}
    >
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} lineClamp={1}>
          {clock.obligationName} — {clock.stageName}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          <Anchor component={Link} to={`/incidents/${encodeURIComponent(clock.incidentKey)}`} size="xs" fw={600} ff="monospace">
            {clock.incidentKey}
          </Anchor>{' '}
          {clock.incidentTitle} · {STATUS_LABELS[clock.incidentStage]} · to {clock.recipient}
        </Text>
      </div>
      <Tooltip label={formatAbsolute(clock.dueAt)} openDelay={300} withArrow>
        <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
          <Text size="sm" fw={700} c={color} component="time" dateTime={clock.dueAt}>
            {dueWords(clock.dueAt, now)}
          </Text>
          <Text size="xs" c="dimmed">
            {formatWhen(clock.dueAt, now)}
          </Text>
        </Stack>
      </Tooltip>
    </Group>
  );
}

function ClockList({ clocks, now, label }: { clocks: DashboardPart['clocks']; now: number; label: string }) {
  const more = clocks.total - clocks.items.length;
  return (
    <Stack gap="sm" component="ul" p={0} m={0} aria-label={label}>
      {clocks.items.map((c) => (
        <ClockRow key={`${c.incidentId}/${c.obligationId}/${c.stageId}`} clock={c} now={now} />
      ))}
      {more > 0 && (
        <Text component="li" size="sm" style={{ listStyle: 'none' }}>
          <Anchor component={Link} to="/deadlines" size="sm">
            {more} more on the Deadlines page
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

interface ClocksAtRiskCardProps {
  real: DashboardPart['clocks'] | undefined;
  exercise: DashboardPart['clocks'] | undefined;
  windowHours: number;
  error: unknown;
  onRetry: () => void;
}

/** Reporting clocks due within the window or already past, soonest first; exercise clocks apart. Times in the user's zone. */
export function ClocksAtRiskCard({ real, exercise, windowHours, error, onRetry }: ClocksAtRiskCardProps) {
  const now = useNow();
  let body: React.ReactNode;
  if (error && !real) body = <ErrorState title="Could not load the clocks" error={error} onRetry={onRetry} />;
  else if (!real)
    body = (
      <Stack gap="xs" aria-busy aria-label="Loading clocks at risk">
        <Skeleton h={36} />
        <Skeleton h={36} />
      </Stack>
    );
  else if (real.total === 0)
    body = (
      <EmptyState
        size="sm"
        py="lg"
        icon={<IconClockCheck size={26} />}
        withIndicatorBackground
        title={`No clock is due in the next ${windowHours} hours`}
        description="Reporting obligations that fall due soon, or are already late, show up here. Every running clock is on the Deadlines page."
      />
    );
  else body = <ClockList clocks={real} now={now} label="Clocks at risk" />;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="clocks-title">
      <Group gap="xs" mb="xs" justify="space-between">
        <Title order={2} fz="h4" id="clocks-title">
          Clocks at risk
        </Title>
        <Group gap={6}>
          {real && real.overdue > 0 && (
            <Badge color="red" variant="filled">
              {real.overdue} overdue
            </Badge>
          )}
          <Anchor component={Link} to="/deadlines" size="sm">
            Deadlines
          </Anchor>
        </Group>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        Due within {windowHours} hours or past due, neither met nor waived. Times are in your time zone.
      </Text>
      {body}
      {exercise && exercise.total > 0 && (
        <Stack gap="xs" mt="md" component="section" aria-labelledby="exercise-clocks-title">
          <Group gap="xs">
            <ExerciseBadge />
            <Text fw={600} size="sm" id="exercise-clocks-title">
              Exercise clocks: {exercise.total}
            </Text>
          </Group>
          <ClockList clocks={exercise} now={now} label="Exercise clocks at risk" />
        </Stack>
      )}
    </Paper>
  );
}
