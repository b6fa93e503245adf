import { Badge, Button, Group, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import type { Alert, AlertSilence } from '../../shared/triage-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { formatAbsolute } from '../core/time.ts';
import { SeverityBadge } from '../incidents/SeverityBadge.tsx';
import { Fingerprint } from './Fingerprint.tsx';

interface TriageAlertsTableProps {
  alerts: Alert[];
  /** The running silences of this customer, by fingerprint. */
  silenced?: ReadonlyMap<string, AlertSilence>;
  /** Offer "Silence…" on each alert (null: the user may not). */
  onSilence: ((alert: Alert) => void) | null;
}

/** The group's distinct alerts: what, labels, whether it still fires, how often it came, first and last seen. */
export function TriageAlertsTable({ alerts, silenced, onSilence }: TriageAlertsTableProps) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" aria-label="Alerts of this group" data-phone-list>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Alert</Table.Th>
            <Table.Th scope="col">Labels</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col" ta="right">
              Count
            </Table.Th>
            <Table.Th scope="col">Seen</Table.Th>
            {onSilence && (
              <Table.Th scope="col">
                <VisuallyHidden>Action</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((alert) => {
            // The title is often the summary already (Alertmanager): show the description, or a summary that says more.
            const summary = [alert.annotations.description, alert.annotations.summary].find((t) => t && t !== alert.title);
            const labels = Object.entries(alert.labels);
            const silence = silenced?.get(alert.fingerprint);
            return (
              <Table.Tr key={alert.fingerprint} data-alert-fingerprint={alert.fingerprint} data-alert-status={alert.status}>
                <Table.Td maw={260}>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {alert.title}
                  </Text>
                  {summary && (
                    <Text size="xs" c="dimmed" lineClamp={3}>
                      {summary}
                    </Text>
                  )}
                  <Group gap={6} wrap="nowrap" mt={2}>
                    <Fingerprint value={alert.fingerprint} />
                    {alert.severity && <SeverityBadge severity={alert.severity} size="xs" style={{ flexShrink: 0 }} />}
                  </Group>
                </Table.Td>
                <Table.Td maw={280}>
                  {labels.length === 0 && (
                    <Text size="xs" c="dimmed">
                      No labels
                    </Text>
                  )}
                  <Group gap={4}>
                    {labels.map(([name, value]) => (
                      <Badge
                        key={name}
                        size="sm"
                        variant="default"
                        fw={500}
                        tt="none"
                        // A long label is cut with its whole text as the title, rather than widening the table.
                        style={{ maxWidth: '100%', minWidth: 0 }}
                        title={`${name}=${value}`}
                      >
                        {name}={value}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                {/* maxWidth none: a badge may not shrink to "RESOLV…" when the table is narrow. */}
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {alert.status === 'firing' ? (
                    <Badge color="red" variant="light" maw="none">
                      Firing
                    </Badge>
                  ) : (
                    <Badge color="teal" variant="light" maw="none">
                      Resolved
                    </Badge>
                  )}
                  {alert.resolvedAt && (
                    <Text size="xs" c="dimmed">
                      <RelativeTime value={alert.resolvedAt} span />
                    </Text>
                  )}
                  {silence && (
                    <Tooltip
                      label={`Until ${formatAbsolute(silence.expiresAt)}. ${silence.createdBy}: ${silence.reason}`}
                      withArrow
                      multiline
                      maw={320}
                    >
                      <Badge
                        color="violet"
                        variant="outline"
                        maw="none"
                        mt={4}
                        leftSection={<IconBellOff size={12} aria-hidden />}
                        display="flex"
                        w="fit-content"
                        data-silenced-until={silence.expiresAt}
                        aria-label={`Silenced until ${formatAbsolute(silence.expiresAt)}`}
                      >
                        Silenced
                      </Badge>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600} data-alert-count>
                    {alert.count}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="xs">
                    First <RelativeTime value={alert.firstSeen} span />
                  </Text>
                  <Text size="xs" c="dimmed">
                    Last <RelativeTime value={alert.lastSeen} span />
                  </Text>
                </Table.Td>
                {onSilence && (
                  <Table.Td miw={104}>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="gray"
                      leftSection={<IconBellOff size={14} />}
                      onClick={() => onSilence(alert)}
                      aria-label={`${silence ? 'Lengthen the silence of' : 'Silence'} ${alert.title} (${alert.fingerprint})`}
                    >
                      {silence ? 'Lengthen…' : 'Silence…'}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
