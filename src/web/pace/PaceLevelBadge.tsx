import { Badge, type BadgeProps, Tooltip } from '@mantine/core';
import type { PaceLevelName } from '../../shared/prepare-types.ts';
import { PACE_LEVEL_COLORS, PACE_LEVEL_LABELS } from './pace-labels.ts';

/** "P", "A", "C", "E" in the level's colour, with the full name for assistive technology and on hover. */
export function PaceLevelBadge({ level, full, ...props }: { level: PaceLevelName; full?: boolean } & BadgeProps) {
  const label = PACE_LEVEL_LABELS[level];
  if (full) {
    return (
      <Badge variant="light" color={PACE_LEVEL_COLORS[level]} {...props}>
        {label}
      </Badge>
    );
  }
  return (
    <Tooltip label={label} withArrow openDelay={300}>
      <Badge variant="filled" color={PACE_LEVEL_COLORS[level]} w={28} px={0} aria-label={label} {...props}>
        {label[0]}
      </Badge>
    </Tooltip>
  );
}
