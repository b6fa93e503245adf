import { Badge, Button, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconClipboard } from '@tabler/icons-react';
import type { IncidentPlan } from '../../shared/prepare-types.ts';
import { checkListText } from './plan-format.ts';

const DIRECTION = { outbound: 'to', inbound: 'from', both: 'to and from' } as const;

/** "Check these": what an attacker could reach from the affected services, with a copy button. */
export function CheckTheseList({ incidentKey, checkList }: { incidentKey: string; checkList: IncidentPlan['checkList'] }) {
  if (checkList.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No affected services are set on the incident. Add them in Details to list their connections to other systems.
      </Text>
    );
  }
  const total = checkList.reduce((n, s) => n + s.connections.length, 0);
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap" gap={6}>
        <Text size="xs" c="dimmed">
          {total} connection{total === 1 ? '' : 's'} the customer’s IT should check.
        </Text>
        <CopyButton value={checkListText(incidentKey, checkList)} timeout={2500}>
          {({ copied, copy }) => (
            <Button
              size="compact-xs"
              variant="light"
              color={copied ? 'teal' : undefined}
              leftSection={copied ? <IconCheck size={14} /> : <IconClipboard size={14} />}
              onClick={copy}
            >
              {copied ? 'Copied' : 'Copy as text'}
            </Button>
          )}
        </CopyButton>
      </Group>
      {checkList.map((s) => (
        <Stack key={s.serviceId} gap={2}>
          <Group gap={6}>
            <Text size="sm" fw={600}>
              {s.serviceName}
            </Text>
            <Badge
              size="xs"
              variant="light"
              color={s.criticality === 'critical' ? 'red' : s.criticality === 'high' ? 'orange' : 'gray'}
            >
              {s.criticality}
            </Badge>
          </Group>
          {s.connections.length === 0 && (
            <Text size="xs" c="dimmed">
              No connections recorded.
            </Text>
          )}
          {s.connections.map((c) => (
            <Text key={c.id} size="xs" style={{ overflowWrap: 'anywhere' }}>
              <Text span c="dimmed" inherit>
                {DIRECTION[c.direction]}
              </Text>{' '}
              <b>{c.target}</b>
              {c.protocol && ` · ${c.protocol}`}
              {c.account && (
                <>
                  {' · '}
                  <Text span ff="monospace" inherit>
                    {c.account}
                  </Text>
                </>
              )}
              {c.purpose && (
                <Text span c="dimmed" inherit>
                  {' '}
                  — {c.purpose}
                </Text>
              )}
            </Text>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
