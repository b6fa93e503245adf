import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface CustomerLinkCardProps {
  label: string;
  /** data-* attributes of the card (e.g. its status for tests and styles). */
  attrs: Record<`data-${string}`, string>;
  color: string;
  heading: ReactNode;
  statusLabel: string;
  children: ReactNode;
}

/** One request sent to the customer through a link: a card coloured by its status, with a heading and the status badge. */
export function CustomerLinkCard({ label, attrs, color, heading, statusLabel, children }: CustomerLinkCardProps) {
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="article"
      aria-label={label}
      {...attrs}
      style={{ borderLeft: `4px solid var(--mantine-color-${color}-6)` }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" fw={700}>
            {heading}
          </Text>
          <Badge size="sm" color={color} variant="light" tt="none">
            {statusLabel}
          </Badge>
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
