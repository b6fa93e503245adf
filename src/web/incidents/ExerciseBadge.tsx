import { Badge, type BadgeProps } from '@mantine/core';
import { IconFlask } from '@tabler/icons-react';

export function ExerciseBadge(props: BadgeProps) {
  return (
    <Badge color="grape" variant="filled" leftSection={<IconFlask size={12} aria-hidden />} aria-label="Exercise" {...props}>
      Exercise
    </Badge>
  );
}
