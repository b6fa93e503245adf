import { Table, Text } from '@mantine/core';
import { INCIDENT_ROLE_LABELS, INCIDENT_ROLES } from '../../shared/incident-vocabulary.ts';
import type { Contact, Roster } from '../../shared/prepare-types.ts';

/** Who holds each CSIRT role, and their deputies in order. */
export function SnapshotRoster({
  roster,
  contacts,
  customerId,
}: {
  roster: Roster | null;
  contacts: Contact[];
  customerId: string;
}) {
  if (!roster)
    return (
      <Text size="sm" c="dimmed">
        No roster: neither the customer’s own nor a default one.
      </Text>
    );
  const name = (id: string) => contacts.find((c) => c.id === id)?.name ?? 'Unknown contact';
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        {roster.customerId === customerId
          ? 'The customer’s own roster.'
          : 'Our default roster (the customer has none of its own).'}
      </Text>
      <Table verticalSpacing={6} aria-label="Roster">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Holder</Table.Th>
            <Table.Th scope="col">Deputies</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {INCIDENT_ROLES.map((role) => {
            const people = roster.entries.find((e) => e.role === role)?.people ?? [];
            return (
              <Table.Tr key={role}>
                <Table.Td>
                  <Text size="sm">{INCIDENT_ROLE_LABELS[role]}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={people[0] ? undefined : 'dimmed'} fs={people[0] ? undefined : 'italic'}>
                    {people[0] ? name(people[0]) : 'Nobody'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {people.slice(1).map(name).join(', ') || '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </>
  );
}
