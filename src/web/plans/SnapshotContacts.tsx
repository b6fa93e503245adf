import { Badge, Stack, Table, Text } from '@mantine/core';
import type { Contact } from '../../shared/prepare-types.ts';
import { CHANNEL_TYPE_LABELS } from '../pace/pace-labels.ts';

/** The plan's contacts: the customer's first, then ours, each with every channel. */
export function SnapshotContacts({ contacts, customerId }: { contacts: Contact[]; customerId: string }) {
  if (contacts.length === 0)
    return (
      <Text size="sm" c="dimmed" p="md">
        No contacts in this plan.
      </Text>
    );
  const sorted = [...contacts].sort((a, b) => Number(a.customerId !== customerId) - Number(b.customerId !== customerId));
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" aria-label="Contacts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Contact</Table.Th>
            <Table.Th scope="col">Channels</Table.Th>
            <Table.Th scope="col">Reachable</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Text size="sm" fw={600}>
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {[c.role, c.organisation].filter(Boolean).join(', ')}
                </Text>
                {c.customerId !== customerId && (
                  <Badge size="xs" variant="outline" color="indigo" mt={2}>
                    Our organisation
                  </Badge>
                )}
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Stack gap={2}>
                  {c.channels.length === 0 && (
                    <Text size="sm" c="dimmed">
                      No channels
                    </Text>
                  )}
                  {c.channels.map((ch) => (
                    <Text key={ch.id} size="sm" style={{ overflowWrap: 'anywhere' }}>
                      <Text span c="dimmed" inherit>
                        {CHANNEL_TYPE_LABELS[ch.type]}:
                      </Text>{' '}
                      {ch.address}
                      {ch.label && (
                        <Text span c="dimmed" inherit>
                          {' '}
                          ({ch.label})
                        </Text>
                      )}
                    </Text>
                  ))}
                </Stack>
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Text size="sm">{c.workingHours || 'Around the clock'}</Text>
                <Text size="xs" c="dimmed">
                  {c.timeZone}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
