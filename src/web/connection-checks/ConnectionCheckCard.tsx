import { Badge, Box, Group, Stack, Text } from '@mantine/core';
import type { ConnectionCheck } from '../../shared/connection-check-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { formatAbsolute } from '../core/time.ts';
import { CustomerLinkCard } from '../customer-links/CustomerLinkCard.tsx';
import { CompromisedAdvice } from './CompromisedAdvice.tsx';
import { ANSWER_STYLE, answerCounts, connectionLine, STATUS_STYLE } from './check-labels.ts';

interface ConnectionCheckCardProps {
  check: ConnectionCheck;
  canAct: boolean;
  onAddService: (serviceId: string) => void;
  addingService: string | null;
}

/** One request to the customer: when and by whom, the link's state, and each connection with its answer and note. */
export function ConnectionCheckCard({ check, canAct, onAddService, addingService }: ConnectionCheckCardProps) {
  const status = STATUS_STYLE[check.status];
  const counts = answerCounts(check);
  return (
    <CustomerLinkCard
      label={`Connection check of ${formatAbsolute(check.createdAt)}`}
      attrs={{ 'data-check-status': check.status }}
      color={status.color}
      heading={`${check.connections.length} connection${check.connections.length === 1 ? '' : 's'} sent to the customer`}
      statusLabel={status.label}
    >
      <Text size="xs" c="dimmed">
        Asked by {check.createdBy} <RelativeTime value={check.createdAt} span />
        {check.status === 'sent' && <> · the link works until {formatAbsolute(check.expiresAt)}</>}
        {check.status === 'expired' && <> · the link expired {formatAbsolute(check.expiresAt)}; ask again for a new one</>}
      </Text>
      {check.answeredAt && (
        <Text size="xs" c="teal" fw={600}>
          Answered <RelativeTime value={check.answeredAt} span /> by {check.answeredBy ?? 'the customer (no name given)'}
          {counts && `: ${counts}`}
        </Text>
      )}
      <CompromisedAdvice check={check} canAct={canAct} onAdd={onAddService} adding={addingService} />
      <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Connections to check">
        {check.connections.map((c) => {
          const answer = check.answers?.[c.connectionId];
          const style = answer ? ANSWER_STYLE[answer.status] : null;
          return (
            <Box component="li" key={c.connectionId} aria-label={c.target}>
              <Group gap={6} wrap="nowrap" align="flex-start" justify="space-between">
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {c.target}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {connectionLine(c)}
                    {c.purpose && ` — ${c.purpose}`}
                  </Text>
                  {answer?.note && (
                    <Text size="sm" mt={2} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                      {answer.note}
                    </Text>
                  )}
                </div>
                {style && (
                  <Badge size="sm" color={style.color} variant={answer?.status === 'compromised' ? 'filled' : 'light'} tt="none">
                    {style.label}
                  </Badge>
                )}
              </Group>
            </Box>
          );
        })}
      </Stack>
    </CustomerLinkCard>
  );
}
