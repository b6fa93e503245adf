import { ActionIcon, Badge, Group, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';
import { INCIDENT_ROLE_DESCRIPTIONS, INCIDENT_ROLE_LABELS, type IncidentRole } from '../../shared/incident-vocabulary.ts';

export interface PersonOption {
  value: string;
  label: string;
}
export type PersonGroups = { group: string; items: PersonOption[] }[];

interface RosterRoleRowProps {
  role: IncidentRole;
  /** Contact ids: the holder first, then deputies in order. */
  people: string[];
  groups: PersonGroups;
  nameOf: (contactId: string) => string;
  /** Whether the contact still exists (not archived). */
  known: (contactId: string) => boolean;
  onChange: (people: string[]) => void;
  readOnly: boolean;
}

const without = (groups: PersonGroups, taken: string[]): PersonGroups =>
  groups.map((g) => ({ group: g.group, items: g.items.filter((o) => !taken.includes(o.value)) })).filter((g) => g.items.length);

/** One CSIRT role: who holds it and who stands in, in order. */
export function RosterRoleRow({ role, people, groups, nameOf, known, onChange, readOnly }: RosterRoleRowProps) {
  const label = INCIDENT_ROLE_LABELS[role];
  const [holder, ...deputies] = people;
  const move = (from: number, to: number) => {
    const next = [...deputies];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item);
    onChange([holder, ...next]);
  };

  return (
    <Table.Tr style={{ verticalAlign: 'top' }}>
      <Table.Td w={260}>
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          {INCIDENT_ROLE_DESCRIPTIONS[role]}
        </Text>
      </Table.Td>
      <Table.Td w={280}>
        {readOnly ? (
          <Text size="sm" c={!holder ? 'dimmed' : known(holder) ? undefined : 'red'} fs={holder ? undefined : 'italic'}>
            {holder ? nameOf(holder) : 'Nobody'}
          </Text>
        ) : (
          <Select
            aria-label={`${label}: holder`}
            placeholder="Choose who holds the role"
            data={
              holder && !known(holder)
                ? [...without(groups, deputies), { group: 'Archived', items: [{ value: holder, label: nameOf(holder) }] }]
                : without(groups, deputies)
            }
            value={holder ?? null}
            searchable
            clearable
            nothingFoundMessage="No contact matches"
            onChange={(v) => onChange(v ? [v, ...deputies.filter((d) => d !== v)] : deputies)}
            error={holder && !known(holder) ? 'This contact was archived: choose someone else' : undefined}
          />
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap={6}>
          {deputies.length === 0 && readOnly && (
            <Text size="sm" c="dimmed" fs="italic">
              No deputies
            </Text>
          )}
          {deputies.map((id, i) => (
            <Group key={id} gap={6} wrap="nowrap">
              <Badge size="sm" variant="light" color="gray" circle>
                {i + 1}
              </Badge>
              <Text size="sm" style={{ flex: 1 }} c={known(id) ? undefined : 'red'}>
                {nameOf(id)}
              </Text>
              {!readOnly && (
                <Group gap={2} wrap="nowrap">
                  <Tooltip label="Move up" withArrow>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="gray"
                      aria-label={`Move ${nameOf(id)} up among the ${label} deputies`}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                    >
                      <IconArrowUp size={14} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Move down" withArrow>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="gray"
                      aria-label={`Move ${nameOf(id)} down among the ${label} deputies`}
                      disabled={i === deputies.length - 1}
                      onClick={() => move(i, i + 1)}
                    >
                      <IconArrowDown size={14} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Remove" withArrow>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${nameOf(id)} as ${label} deputy`}
                      onClick={() => onChange([holder, ...deputies.filter((d) => d !== id)])}
                    >
                      <IconX size={14} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              )}
            </Group>
          ))}
          {!readOnly && holder && people.length < 10 && (
            <Select
              key={people.join()}
              aria-label={`${label}: add a deputy`}
              placeholder="Add a deputy"
              size="xs"
              data={without(groups, people)}
              value={null}
              searchable
              nothingFoundMessage="No contact matches"
              onChange={(v) => v && onChange([...people, v])}
            />
          )}
          {!readOnly && !holder && (
            <Text size="xs" c="dimmed">
              Choose the holder first
            </Text>
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
