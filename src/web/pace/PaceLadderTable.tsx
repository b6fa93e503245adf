import { Group, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconHandStop } from '@tabler/icons-react';
import { type Contact, PACE_LEVELS, type PaceLevel } from '../../shared/prepare-types.ts';
import { PaceLevelBadge } from './PaceLevelBadge.tsx';
import { CHANNEL_TYPE_LABELS, moveOnWords, resolveLevel } from './pace-labels.ts';

interface PaceLadderTableProps {
  levels: PaceLevel[];
  contacts: readonly Contact[];
  /** Dense rows without the move-on and note columns (incident page). */
  compact?: boolean;
  label: string;
}

function Who({ level, contacts }: { level: PaceLevel; contacts: readonly Contact[] }) {
  const { contact, channel } = resolveLevel(level, contacts);
  if (!level.contactId) {
    return (
      <Group gap={6} wrap="nowrap" align="flex-start">
        <ThemeIcon size="sm" variant="light" color="gray" aria-hidden>
          <IconHandStop size={14} />
        </ThemeIcon>
        <Text size="sm">
          <Text span c="dimmed" inherit>
            By hand:{' '}
          </Text>
          {level.instruction || (
            <Text span c="dimmed" fs="italic" inherit>
              no instruction written
            </Text>
          )}
        </Text>
      </Group>
    );
  }
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        {contact?.name ?? (
          <Text span c="red" inherit>
            Contact no longer exists
          </Text>
        )}
      </Text>
      <Text size="xs" c={channel ? 'dimmed' : 'red'} style={{ overflowWrap: 'anywhere' }}>
        {channel
          ? `${CHANNEL_TYPE_LABELS[channel.type]} · ${channel.address}${channel.label ? ` (${channel.label})` : ''}`
          : 'Channel no longer exists'}
      </Text>
      {level.instruction && (
        <Text size="xs" c="dimmed">
          {level.instruction}
        </Text>
      )}
    </Stack>
  );
}

/** A ladder read-only, in P/A/C/E order; missing levels are shown as gaps (unless compact). */
export function PaceLadderTable({ levels, contacts, compact, label }: PaceLadderTableProps) {
  const byLevel = new Map(levels.map((l) => [l.level, l]));
  const rows = compact ? PACE_LEVELS.filter((l) => byLevel.has(l)) : PACE_LEVELS;
  const lastPresent = [...PACE_LEVELS].reverse().find((l) => byLevel.has(l));
  return (
    <Table.ScrollContainer minWidth={compact ? 0 : 640}>
      <Table verticalSpacing={compact ? 4 : 'xs'} aria-label={label} layout="fixed">
        {!compact && (
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={56}>
                Level
              </Table.Th>
              <Table.Th scope="col">Contact and channel</Table.Th>
              <Table.Th scope="col">When to move on</Table.Th>
              <Table.Th scope="col">Note</Table.Th>
            </Table.Tr>
          </Table.Thead>
        )}
        <Table.Tbody>
          {rows.map((name) => {
            const level = byLevel.get(name);
            return (
              <Table.Tr key={name}>
                <Table.Td w={compact ? 40 : 56} style={{ verticalAlign: 'top' }}>
                  <PaceLevelBadge level={name} />
                </Table.Td>
                {level ? (
                  <>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Who level={level} contacts={contacts} />
                    </Table.Td>
                    {!compact && (
                      <>
                        <Table.Td style={{ verticalAlign: 'top' }}>
                          <Text size="sm">{moveOnWords(level.moveOn, name === lastPresent)}</Text>
                        </Table.Td>
                        <Table.Td style={{ verticalAlign: 'top' }}>
                          <Text size="sm" c={level.note ? undefined : 'dimmed'}>
                            {level.note || '—'}
                          </Text>
                        </Table.Td>
                      </>
                    )}
                  </>
                ) : (
                  <Table.Td colSpan={3}>
                    <Text size="sm" c="dimmed" fs="italic">
                      No {name} level
                    </Text>
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
