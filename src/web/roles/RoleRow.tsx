import { ActionIcon, Badge, Box, Button, Group, Select, Text, Tooltip } from '@mantine/core';
import { IconUserEdit, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { IncidentRoles } from '../../shared/api-types.ts';
import { INCIDENT_ROLE_DESCRIPTIONS, INCIDENT_ROLE_TITLES } from '../../shared/incident-vocabulary.ts';
import { RemoveIconButton } from '../core/RemoveIconButton.tsx';

interface RoleRowProps {
  entry: IncidentRoles['roles'][number];
  candidates: IncidentRoles['candidates'];
  meId: string | null;
  canAct: boolean;
  busy: boolean;
  /** The incident manager, while nobody is named and the incident waits for DP2 or dismissal. */
  needed: boolean;
  onAssign: (userId: string, name: string) => void;
  onRemove: (name: string) => void;
}

const you = (name: string, isMe: boolean) => (isMe ? `${name} (you)` : name);

/** One role: who holds it and how they came to, and (for who may change the incident) give, confirm or remove it. */
export function RoleRow({ entry, candidates, meId, canAct, busy, needed, onAssign, onRemove }: RoleRowProps) {
  const [picking, setPicking] = useState(false);
  const title = INCIDENT_ROLE_TITLES[entry.role];
  const own = entry.holder?.via === 'incident' ? entry.holder : null;
  // A name typed on the incident (PATCH assignments): shown as written, with no account behind it.
  const typed = !own && entry.assigned ? entry.assigned : null;
  const roster = entry.holder?.via === 'roster' ? entry.holder : null;
  const heldBy = own?.name ?? typed;
  const options = candidates.filter((c) => c.id !== own?.userId).map((c) => ({ value: c.id, label: you(c.name, c.id === meId) }));

  return (
    <Box
      component="li"
      px="xs"
      py={6}
      data-role={entry.role}
      bg={needed ? 'var(--mantine-color-orange-light)' : undefined}
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        borderLeft: `3px solid ${needed ? 'var(--mantine-color-orange-filled)' : 'transparent'}`,
      }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Box miw={0}>
          <Text size="sm" fw={600}>
            {entry.label}
          </Text>
          {own && <Text size="sm">{you(own.name, own.userId === meId)}</Text>}
          {typed && (
            <Group gap={6}>
              <Text size="sm">{typed}</Text>
              <Tooltip
                multiline
                w={240}
                withArrow
                label="Named in words, without an account: not told, and not on anyone’s “Mine” list. Give the role to a person to tell them."
              >
                <Badge size="xs" variant="light" color="gray" tabIndex={0}>
                  no account
                </Badge>
              </Tooltip>
            </Group>
          )}
          {roster && !typed && (
            <Group gap={6}>
              <Text size="sm">{you(roster.name, roster.userId === meId)}</Text>
              <Badge size="xs" variant="light" color="blue">
                from the roster
              </Badge>
            </Group>
          )}
          {roster && typed && (
            <Text size="xs" c="dimmed">
              Roster: {roster.name}
            </Text>
          )}
          {!heldBy && !roster && (
            <Text size="sm" c="dimmed" fs="italic">
              Nobody
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {INCIDENT_ROLE_DESCRIPTIONS[entry.role]}
          </Text>
          {needed && (
            <Text size="xs" c="orange.8" fw={500} mt={2}>
              Needed before the response starts (DP2) or the incident is dismissed
            </Text>
          )}
        </Box>
        {canAct && (
          <Group gap={4} wrap="nowrap">
            {roster && (
              <Button
                size="compact-xs"
                variant={needed ? 'filled' : 'light'}
                disabled={busy}
                aria-label={
                  roster.userId === meId ? `Take over as ${title}` : `Confirm ${roster.name} as ${title} on this incident`
                }
                onClick={() => onAssign(roster.userId, roster.name)}
              >
                {roster.userId === meId ? 'Take over' : 'Confirm'}
              </Button>
            )}
            <Tooltip label={heldBy ? `Give the role to someone else` : `Give the role to someone`} withArrow>
              <ActionIcon
                variant={picking ? 'light' : 'subtle'}
                aria-label={heldBy ? `Change the ${title}` : `Assign the ${title}`}
                aria-expanded={picking}
                disabled={busy}
                onClick={() => setPicking((p) => !p)}
              >
                {heldBy ? <IconUserEdit size={16} /> : <IconUserPlus size={16} />}
              </ActionIcon>
            </Tooltip>
            {heldBy && (
              <RemoveIconButton
                label={`Remove ${heldBy} as ${title}`}
                icon={<IconUserMinus size={16} />}
                onClick={() => onRemove(heldBy)}
              />
            )}
          </Group>
        )}
      </Group>
      {canAct && picking && (
        <Select
          mt={6}
          size="xs"
          aria-label={`Person to be the ${title}`}
          placeholder="Type a name, then Enter"
          data={options}
          searchable
          selectFirstOptionOnChange
          autoFocus
          defaultDropdownOpened
          value={null}
          nothingFoundMessage={
            candidates.length
              ? 'Nobody by that name can read this incident'
              : 'Nobody can be given a role yet: add people on the customer’s Members tab'
          }
          onChange={(userId) => {
            const chosen = candidates.find((c) => c.id === userId);
            if (!chosen) return;
            setPicking(false);
            onAssign(chosen.id, chosen.name);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setPicking(false);
          }}
          onBlur={() => setPicking(false)}
        />
      )}
    </Box>
  );
}
