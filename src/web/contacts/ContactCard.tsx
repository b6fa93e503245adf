import { ActionIcon, Badge, Card, Group, Menu, Stack, Text, Tooltip } from '@mantine/core';
import { IconArchive, IconBuilding, IconClock, IconDots, IconPencil, IconUser, IconUsersGroup } from '@tabler/icons-react';
import { ChannelLine } from './ChannelLine.tsx';
import type { StoredContact } from './contacts-api.ts';

interface ContactCardProps {
  contact: StoredContact;
  canEdit: boolean;
  onEdit: () => void;
  onArchive: () => void;
}

/** A person or function with their role, where and when they can be reached, and their channels. */
export function ContactCard({ contact, canEdit, onEdit, onArchive }: ContactCardProps) {
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={contact.name}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          <Tooltip label={contact.kind === 'person' ? 'A person' : 'A function'} withArrow>
            <span>
              {contact.kind === 'person' ? (
                <IconUser size={20} aria-label="Person" />
              ) : (
                <IconUsersGroup size={20} aria-label="Function" />
              )}
            </span>
          </Tooltip>
          <div style={{ minWidth: 0 }}>
            <Text fw={600} size="sm" truncate="end">
              {contact.name}
            </Text>
            {contact.role && (
              <Badge size="sm" variant="light" radius="sm" tt="none" mt={2}>
                {contact.role}
              </Badge>
            )}
          </div>
        </Group>
        {canEdit && (
          <Menu position="bottom-end" withArrow>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${contact.name}`}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={16} />} onClick={onEdit}>
                Edit
              </Menu.Item>
              <Menu.Item color="red" leftSection={<IconArchive size={16} />} onClick={onArchive}>
                Archive
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>

      <Stack gap={4} mt="sm">
        {contact.organisation && (
          <Group gap={6} wrap="nowrap">
            <IconBuilding size={14} color="var(--mantine-color-dimmed)" aria-hidden />
            <Text size="xs" c="dimmed">
              {contact.organisation}
            </Text>
          </Group>
        )}
        <Group gap={6} wrap="nowrap">
          <IconClock size={14} color="var(--mantine-color-dimmed)" aria-hidden />
          <Text size="xs" c="dimmed">
            {contact.workingHours || 'Around the clock'} · {contact.timeZone}
          </Text>
        </Group>
      </Stack>

      <Stack gap="sm" mt="md">
        {contact.channels.length === 0 ? (
          <Text size="sm" c="orange" fs="italic">
            No channels: add one so this contact can be reached.
          </Text>
        ) : (
          contact.channels.map((channel) => (
            <ChannelLine key={channel.id} channel={channel} contactId={contact.id} canTest={canEdit} />
          ))
        )}
      </Stack>
      {contact.notes && (
        <Text size="xs" c="dimmed" mt="sm" lineClamp={3} style={{ whiteSpace: 'pre-line' }}>
          {contact.notes}
        </Text>
      )}
    </Card>
  );
}
