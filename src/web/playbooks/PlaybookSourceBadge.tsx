import { Badge, type BadgeProps } from '@mantine/core';
import { type PlaybookSource, SOURCE_COLORS, SOURCE_LABELS } from './playbook-labels.ts';

/** Where the playbook in force comes from: the built-in library, our organisation's copy, or the customer's. */
export function PlaybookSourceBadge({ source, ...props }: { source: PlaybookSource } & BadgeProps) {
  return (
    <Badge variant="light" color={SOURCE_COLORS[source]} {...props}>
      {SOURCE_LABELS[source]}
    </Badge>
  );
}
