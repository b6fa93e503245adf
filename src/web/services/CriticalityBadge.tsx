import { Badge, type BadgeProps } from '@mantine/core';
import type { Criticality } from '../../shared/prepare-types.ts';
import { CRITICALITY_COLORS, CRITICALITY_LABELS } from './service-labels.ts';

export function CriticalityBadge({ criticality, ...props }: { criticality: Criticality } & BadgeProps) {
  return (
    <Badge variant="light" color={CRITICALITY_COLORS[criticality]} {...props}>
      {CRITICALITY_LABELS[criticality]}
    </Badge>
  );
}
