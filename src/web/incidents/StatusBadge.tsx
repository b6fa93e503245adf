import { Badge, type BadgeProps } from '@mantine/core';
import type { IncidentStatus } from '../../shared/incident-vocabulary.ts';
import { STATUS_COLORS, STATUS_LABELS } from './incident-labels.ts';

export function StatusBadge({ status, ...props }: { status: IncidentStatus } & BadgeProps) {
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant={status === 'closed' || status === 'dismissed' ? 'outline' : 'light'}
      data-status={status}
      {...props}
    >
      {STATUS_LABELS[status]}
    </Badge>
  );
}
