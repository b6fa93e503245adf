import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { Service } from '../../shared/prepare-types.ts';

const DIRECTION_WORDS = { outbound: '→ to', inbound: '← from', both: '↔ with' } as const;

/** The customer's services and, for each, its accesses and network openings to other systems. */
export function SnapshotServices({ services }: { services: Service[] }) {
  if (services.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No services.
      </Text>
    );
  return (
    <Stack gap="md">
      {services.map((s) => (
        <Stack key={s.id} gap={4}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              {s.name}
            </Text>
            <Badge
              size="xs"
              variant="light"
              color={s.criticality === 'critical' ? 'red' : s.criticality === 'high' ? 'orange' : 'gray'}
            >
              {s.criticality} criticality
            </Badge>
            {s.personalData && (
              <Badge size="xs" variant="light" color="grape">
                Personal data
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              {s.environment}
              {s.owner ? ` · owner ${s.owner}` : ''}
            </Text>
          </Group>
          {s.connections.length === 0 ? (
            <Text size="xs" c="dimmed">
              No connections recorded.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing={4} fz="sm" aria-label={`${s.name}: connections`} withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Other system</Table.Th>
                    <Table.Th scope="col">Protocol</Table.Th>
                    <Table.Th scope="col">Account</Table.Th>
                    <Table.Th scope="col">Purpose</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.connections.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Text span c="dimmed" inherit>
                          {DIRECTION_WORDS[c.direction]}{' '}
                        </Text>
                        {c.target}
                      </Table.Td>
                      <Table.Td>{c.protocol || '—'}</Table.Td>
                      <Table.Td ff="monospace">{c.account || '—'}</Table.Td>
                      <Table.Td>{c.purpose || '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
