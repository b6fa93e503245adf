import { Badge, Box, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { PreservationRequest } from '../../shared/preservation-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { formatAbsolute } from '../core/time.ts';
import { CustomerLinkCard } from '../customer-links/CustomerLinkCard.tsx';
import { CustodyLog } from '../evidence/CustodyLog.tsx';
import { STATUS_STYLE } from '../notifications/notification-labels.ts';
import { answerCounts, CUSTODY_ACTION, itemState, REQUEST_STATUS } from './preservation-labels.ts';

/** One request: when, by whom, its message's delivery, each item with its state, and the custody log. */
export function PreservationRequestCard({ request }: { request: PreservationRequest }) {
  const status = REQUEST_STATUS[request.status];
  const delivery = STATUS_STYLE[request.delivery.status as keyof typeof STATUS_STYLE];
  const [showLog, setShowLog] = useState(false);
  return (
    <CustomerLinkCard
      label={`Preservation request of ${formatAbsolute(request.createdAt)}`}
      attrs={{ 'data-request-status': request.status }}
      color={status.color}
      heading={`${request.items.length} item${request.items.length === 1 ? '' : 's'} to preserve: ${answerCounts(request)}`}
      statusLabel={status.label}
    >
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
        <CustodyLog
          id={`custody-${request.id}`}
          label="Chain of custody"
          fz="xs"
          minWidth={520}
          detailHeader="Item"
          hashChars={12}
          rows={request.custody.map((c) => ({
            key: c.seq,
            when: formatAbsolute(c.at),
            whenProps: { style: { whiteSpace: 'nowrap' } },
            who: c.by,
            what: (
              <>
                {CUSTODY_ACTION[c.action] ?? c.action}
                {c.location && ` — ${c.location}`}
                {c.note && ` — ${c.note}`}
              </>
            ),
            detail: c.item,
            hash: c.hash,
          }))}
        />
      )}
    </CustomerLinkCard>
  );
}
