import { Badge, Group, Paper, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import type { TriageItem } from '../../shared/triage-types.ts';
import { SeverityBadge } from '../incidents/SeverityBadge.tsx';
import { SeenSpan } from './SeenSpan.tsx';
import { TriageCounts } from './TriageCounts.tsx';
import { KIND_COLORS, KIND_LABELS, kindIcon } from './triage-labels.tsx';

interface TriageQueueProps {
  items: TriageItem[];
  selectedId: string | null;
  /** Where selecting an item goes (the page keeps the selection in the address). */
  hrefOf: (item: TriageItem) => string;
  customerName: (id: string | null) => string | null;
}

/** The queue, most recent activity first: each entry a link that shows the item beside the list. */
export function TriageQueue({ items, selectedId, hrefOf, customerName }: TriageQueueProps) {
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Triage queue">
      {items.map((item) => {
        const selected = item.id === selectedId;
        const customer = customerName(item.customerId);
        return (
          <li key={item.id}>
            <Paper
              component={Link}
              to={hrefOf(item)}
              replace
              withBorder
              radius="md"
              p="sm"
              display="block"
              aria-current={selected ? 'true' : undefined}
              data-triage-item={item.id}
              data-kind={item.kind}
              style={{
                textDecoration: 'none',
                color: 'inherit',
                background: selected ? 'var(--mantine-primary-color-light)' : undefined,
                borderColor: selected ? 'var(--mantine-primary-color-filled)' : undefined,
              }}
            >
              <Stack gap={6}>
                <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
                  <Group gap="xs" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
                    <Tooltip label={KIND_LABELS[item.kind]} withArrow>
                      <ThemeIcon
                        variant="light"
                        color={KIND_COLORS[item.kind]}
                        size="md"
                        radius="md"
                        role="img"
                        aria-label={KIND_LABELS[item.kind]}
                      >
                        {kindIcon(item.kind, 16)}
                      </ThemeIcon>
                    </Tooltip>
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600} lineClamp={2} data-triage-title>
                        {item.title}
                      </Text>
                      <Text size="xs" c="dimmed" truncate="end">
                        {customer ?? 'No customer yet'}
                      </Text>
                    </div>
                  </Group>
                  {item.severity && <SeverityBadge severity={item.severity} size="sm" style={{ flexShrink: 0 }} />}
                </Group>
                <Group gap="xs" justify="space-between" wrap="wrap">
                  {item.kind === 'alerts' ? (
                    <TriageCounts item={item} size="xs" />
                  ) : (
                    <Text size="xs" c="dimmed" truncate="end">
                      {item.reporter?.anonymous ? 'Anonymous' : (item.reporter?.name ?? item.reporter?.email ?? 'Unknown sender')}
                    </Text>
                  )}
                  {item.incidentKey && (
                    <Badge size="xs" variant="outline" ff="monospace">
                      {item.incidentKey}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  <SeenSpan firstSeen={item.firstSeen} lastSeen={item.lastSeen} />
                </Text>
                {item.status === 'dismissed' && item.decisionReason && (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    Dismissed: {item.decisionReason}
                  </Text>
                )}
              </Stack>
            </Paper>
          </li>
        );
      })}
    </Stack>
  );
}
