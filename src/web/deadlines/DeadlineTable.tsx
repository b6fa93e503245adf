import { Anchor, Badge, Table, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import type { StageClock } from '../../shared/prepare-types.ts';
import { formatAbsolute } from '../core/time.ts';
import { ExerciseBadge } from '../incidents/ExerciseBadge.tsx';
import { formatSpan } from '../plans/use-ticker.ts';
import type { Deadline } from './deadlines-api.ts';

type Shown = StageClock['status'];

const STATUS: Record<Shown, { label: string; color: string; rank: number }> = {
  overdue: { label: 'Overdue', color: 'red', rank: 0 },
  running: { label: 'Running', color: 'blue', rank: 1 },
  waiting: { label: 'Not started', color: 'gray', rank: 2 },
  'met-late': { label: 'Met late', color: 'yellow', rank: 3 },
  met: { label: 'Met', color: 'teal', rank: 3 },
  waived: { label: 'Waived', color: 'gray', rank: 4 },
};

/** The status on screen: a running clock turns overdue the moment it passes, before the server says so. */
export function shownStatus(d: Deadline, now: number): Shown {
  return d.status === 'running' && d.dueAt && Date.parse(d.dueAt) < now ? 'overdue' : d.status;
}

/** Overdue first, then running and not started, then met and waived; soonest due first within each. */
export function sortDeadlines(items: Deadline[], now: number): Deadline[] {
  const due = (d: Deadline) => (d.dueAt ? Date.parse(d.dueAt) : Number.POSITIVE_INFINITY);
  return [...items].sort((a, b) => STATUS[shownStatus(a, now)].rank - STATUS[shownStatus(b, now)].rank || due(a) - due(b));
}

function dueWords(d: Deadline, status: Shown, now: number): string {
  if (status === 'met' || status === 'met-late')
    return d.submittedAt ? `Submitted ${formatAbsolute(d.submittedAt)}` : 'Submitted';
  if (status === 'waived') return 'Not owed';
  if (!d.dueAt) return 'Its clock has not started';
  const due = Date.parse(d.dueAt);
  return status === 'overdue' ? `Overdue by ${formatSpan(now - due)}` : `Due in ${formatSpan(due - now)}`;
}

interface DeadlineTableProps {
  items: Deadline[];
  now: number;
  customerName: (id: string | null) => string | null;
  /** The table's accessible name. */
  label?: string;
}

/** Reporting clocks across incidents with a live countdown; overdue ones red, at the top. */
export function DeadlineTable({ items, now, customerName, label = 'Deadlines' }: DeadlineTableProps) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover aria-label={label} data-phone-list>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Due</Table.Th>
            <Table.Th scope="col">Obligation</Table.Th>
            <Table.Th scope="col">Incident</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sortDeadlines(items, now).map((d) => {
            const status = shownStatus(d, now);
            const style = STATUS[status];
            const overdue = status === 'overdue';
            const customer = customerName(d.customerId);
            return (
              <Table.Tr
                key={`${d.incidentId}/${d.obligationId}/${d.stageId}`}
                data-deadline-status={status}
                data-exercise={d.exercise || undefined}
                bg={overdue ? 'var(--mantine-color-red-light)' : undefined}
              >
                <Table.Td>
                  <Badge color={style.color} variant={overdue ? 'filled' : 'light'}>
                    {style.label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={700} c={overdue ? 'red' : undefined} aria-live="off">
                    {dueWords(d, status, now)}
                  </Text>
                  {d.dueAt && (
                    <Tooltip label={d.startedAt ? `Clock started ${formatAbsolute(d.startedAt)}` : 'Not started'} withArrow>
                      <Text size="xs" c="dimmed">
                        Due <time dateTime={d.dueAt}>{formatAbsolute(d.dueAt)}</time>
                      </Text>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {d.obligationName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {d.stageName} · to {d.recipient}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/incidents/${encodeURIComponent(d.incidentKey)}`} size="sm" fw={600}>
                    {d.incidentKey}
                  </Anchor>
                  {d.exercise && <ExerciseBadge size="xs" ml={6} />}
                  <Text size="xs" lineClamp={2}>
                    {d.incidentTitle}
                  </Text>
                  {customer && (
                    <Text size="xs" c="dimmed">
                      {customer}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
