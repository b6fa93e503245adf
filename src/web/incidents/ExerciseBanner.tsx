import { Group, Paper, Text } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';

/** Impossible to miss: this incident is practice, not real. */
export function ExerciseBanner() {
  return (
    <Paper
      role="note"
      aria-label="Exercise"
      radius="md"
      p="sm"
      style={{
        color: 'var(--mantine-color-white)',
        background:
          'repeating-linear-gradient(-45deg, var(--mantine-color-grape-8), var(--mantine-color-grape-8) 14px, var(--mantine-color-grape-7) 14px, var(--mantine-color-grape-7) 28px)',
      }}
    >
      <Group gap="sm" justify="center" wrap="nowrap">
        <IconFlask size={22} aria-hidden />
        <Text fw={800} fz="lg" lts={2}>
          EXERCISE
        </Text>
        <Text fz="sm" visibleFrom="sm">
          This incident is an exercise. It is not real and never counts in real metrics.
        </Text>
      </Group>
    </Paper>
  );
}
