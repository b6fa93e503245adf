import { Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import type { Alert } from '../../shared/triage-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { SeverityBadge } from '../incidents/SeverityBadge.tsx';
import { Fingerprint } from './Fingerprint.tsx';

interface TriageAlertsTableProps {
  alerts: Alert[];
  /** Offer "Silence…" on each alert (null: the user may not). */
  onSilence: ((alert: Alert) => void) | null;
}

/** The group's distinct alerts: what, labels, whether it still fires, how often it came, first and last seen. */
export function TriageAlertsTable({ alerts, onSilence }: TriageAlertsTableProps) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" aria-label="Alerts of this group">
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
                  <Group gap={4}>
                    {Object.entries(alert.labels).map(([name, value]) => (
                      <Badge
                        key={name}
                        size="sm"
                        variant="default"
                        fw={500}
                        tt="none"
                        style={{ maxWidth: '100%' }}
                        title={`${name}=${value}`}
                      >
                        {name}={value}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td miw={100}>
                  {alert.status === 'firing' ? (
                    <Badge color="red" variant="light">
                      Firing
                    </Badge>
                  ) : (
                    <Badge color="teal" variant="light">
                      Resolved
                    </Badge>
                  )}
                  {alert.resolvedAt && (
                    <Text size="xs" c="dimmed">
                      <RelativeTime value={alert.resolvedAt} span />
                    </Text>
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
                      aria-label={`Silence ${alert.title} (${alert.fingerprint})`}
                    >
                      Silence…
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
