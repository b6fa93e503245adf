import { Badge, Table, Text, Tooltip } from '@mantine/core';
import type { DeliveryAttempt } from '../../shared/notification-types.ts';
import { PACE_LEVELS, type PaceLevelName } from '../../shared/prepare-types.ts';
import { formatAbsolute, formatClock } from '../core/time.ts';
import { PaceLevelBadge } from '../pace/PaceLevelBadge.tsx';
import { OUTCOME_STYLE } from './notification-labels.ts';

/** Every try to deliver a notification, oldest first: when, on which level and channel, and how it went. */
export function DeliveryAttempts({ attempts, label }: { attempts: DeliveryAttempt[]; label: string }) {
  if (attempts.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing={4} horizontalSpacing="xs" fz="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Time</Table.Th>
            <Table.Th scope="col">Level</Table.Th>
            <Table.Th scope="col">Channel</Table.Th>
            <Table.Th scope="col">Outcome</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {attempts.map((a) => {
            const style = OUTCOME_STYLE[a.outcome];
            return (
              <Table.Tr key={`${a.level}-${a.attempt}-${a.at}-${a.outcome}`} data-outcome={a.outcome}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Tooltip label={formatAbsolute(a.at)} withArrow openDelay={300}>
                    <time dateTime={a.at}>{formatClock(a.at)}</time>
                  </Tooltip>
                </Table.Td>
                <Table.Td>
                  {PACE_LEVELS.includes(a.levelName as PaceLevelName) ? (
                    <PaceLevelBadge level={a.levelName as PaceLevelName} size="sm" />
                  ) : (
                    a.levelName
                  )}
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {a.channel}
                  {a.attempt > 1 && (
                    <Text span c="dimmed" inherit>
                      {' '}
                      (try {a.attempt})
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge size="xs" color={style.color} variant="light" tt="none">
                    {style.label}
                  </Badge>
                  {a.reason && (
                    <Text size="xs" c={a.outcome === 'failed' ? 'red' : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
                      {a.reason}
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
