import { Badge, Box, Code, Group, Paper, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { PreservationRequest } from '../../shared/preservation-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { formatAbsolute } from '../core/time.ts';
import { STATUS_STYLE } from '../notifications/notification-labels.ts';
import { answerCounts, CUSTODY_ACTION, itemState, REQUEST_STATUS } from './preservation-labels.ts';

/** One request: when, by whom, its message's delivery, each item with its state, and the custody log. */
export function PreservationRequestCard({ request }: { request: PreservationRequest }) {
  const status = REQUEST_STATUS[request.status];
  const delivery = STATUS_STYLE[request.delivery.status as keyof typeof STATUS_STYLE];
  const [showLog, setShowLog] = useState(false);
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="article"
      aria-label={`Preservation request of ${formatAbsolute(request.createdAt)}`}
      data-request-status={request.status}
      style={{ borderLeft: `4px solid var(--mantine-color-${status.color}-6)` }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" fw={700}>
            {request.items.length} item{request.items.length === 1 ? '' : 's'} to preserve: {answerCounts(request)}
          </Text>
          <Badge size="sm" color={status.color} variant="light" tt="none">
            {status.label}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          Asked by {request.createdBy} <RelativeTime value={request.createdAt} span />
          {request.keepUntil && <> · keep until {request.keepUntil}</>}
          {request.status !== 'expired' ? (
            <> · answers can change until {formatAbsolute(request.expiresAt)}</>
          ) : (
            <> · the link expired {formatAbsolute(request.expiresAt)}; ask again for a new one</>
          )}
        </Text>
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            Message:
          </Text>
          <Badge size="xs" variant="light" color={delivery?.color ?? 'gray'} tt="none">
            {delivery?.label ?? request.delivery.status}
          </Badge>
          <Text size="xs" c="dimmed">
            {request.delivery.acknowledgedBy
              ? `by ${request.delivery.acknowledgedBy}`
              : request.delivery.level && `on the ${request.delivery.level} level`}
          </Text>
        </Group>
        <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Items to preserve">
          {request.items.map((item) => {
            const state = itemState(item.answer);
            return (
              <Box component="li" key={item.id} aria-label={item.text}>
                <Group gap={6} wrap="nowrap" align="flex-start" justify="space-between">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {item.text}
                    </Text>
                    {item.answer && (
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {state.detail && `${state.detail} · `}
                        {item.answer.status === 'preserved' && item.answer.note && `${item.answer.note} · `}
                        {item.answer.by}, <RelativeTime value={item.answer.at} span />
                      </Text>
                    )}
                  </div>
                  <Badge size="sm" color={state.color} variant={item.answer ? 'light' : 'outline'} tt="none">
                    {state.label}
                  </Badge>
                </Group>
              </Box>
            );
          })}
        </Stack>
        <UnstyledButton onClick={() => setShowLog((v) => !v)} aria-expanded={showLog} aria-controls={`custody-${request.id}`}>
          <Group gap={4}>
            {showLog ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
            <Text size="xs" fw={600}>
              Chain of custody ({request.custody.length} steps)
            </Text>
          </Group>
        </UnstyledButton>
        {showLog && (
          <Table.ScrollContainer minWidth={520} id={`custody-${request.id}`}>
            <Table fz="xs" verticalSpacing={4} aria-label="Chain of custody">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Item</Table.Th>
                  <Table.Th>Hash</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {request.custody.map((c) => (
                  <Table.Tr key={c.seq}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatAbsolute(c.at)}</Table.Td>
                    <Table.Td>{c.by}</Table.Td>
                    <Table.Td>
                      {CUSTODY_ACTION[c.action] ?? c.action}
                      {c.location && ` — ${c.location}`}
                      {c.note && ` — ${c.note}`}
                    </Table.Td>
                    <Table.Td>{c.item}</Table.Td>
                    <Table.Td>
                      <Code fz="xs" title={c.hash}>
                        {c.hash.slice(0, 12)}
                      </Code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
