import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { type CompareItem, fieldWords } from './compare-items.ts';

const STATUS = {
  added: { color: 'teal', label: 'Added' },
  removed: { color: 'red', label: 'Removed' },
  changed: { color: 'yellow', label: 'Changed' },
  same: { color: 'gray', label: '' },
} as const;

interface CompareColumnProps {
  title: string;
  items: CompareItem[];
  differencesOnly: boolean;
}

/** One version's side of a section: its items, with what was added, removed or changed marked. */
export function CompareColumn({ title, items, differencesOnly }: CompareColumnProps) {
  const shown = differencesOnly ? items.filter((i) => i.status !== 'same') : items;
  const hidden = items.length - shown.length;
  return (
    <Stack gap={6}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" lts={0.3}>
        {title}
      </Text>
      {items.length === 0 && (
        <Text size="sm" c="dimmed" fs="italic">
          Nothing
        </Text>
      )}
      {shown.map((item) => {
        const style = STATUS[item.status];
        return (
          <Paper
            key={item.key}
            withBorder
            radius="sm"
            px="sm"
            py={6}
            bg={item.status === 'same' ? undefined : `var(--mantine-color-${style.color}-light)`}
            style={{ borderLeft: `4px solid var(--mantine-color-${style.color}-${item.status === 'same' ? 3 : 6})` }}
            data-status={item.status}
          >
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text
                size="sm"
                td={item.status === 'removed' ? 'line-through' : undefined}
                c={item.status === 'same' ? 'dimmed' : undefined}
              >
                {item.label}
              </Text>
              {item.status !== 'same' && (
                <Badge size="xs" color={style.color} variant="filled">
                  {style.label}
                </Badge>
              )}
            </Group>
            {item.status === 'changed' && item.fields.length > 0 && (
              <Text size="xs" c="dimmed">
                Changed: {item.fields.map(fieldWords).join(', ')}
              </Text>
            )}
          </Paper>
        );
      })}
      {differencesOnly && hidden > 0 && (
        <Text size="xs" c="dimmed">
          {hidden} unchanged
        </Text>
      )}
    </Stack>
  );
}
