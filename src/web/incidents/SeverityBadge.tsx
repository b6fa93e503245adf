import { Badge, type BadgeProps } from '@mantine/core';
import type { Severity } from '../../shared/incident-vocabulary.ts';
import { SEVERITY_COLORS, SEVERITY_LABELS } from './incident-labels.ts';

/** Severity, or "Not assessed" while the C/I/A impact is unknown. */
export function SeverityBadge({ severity, ...props }: { severity: Severity | null } & BadgeProps) {
  if (!severity) {
    return (
      <Badge color="gray" variant="default" fw={500} {...props}>
        Not assessed
      </Badge>
    );
  }
  return (
    <Badge color={SEVERITY_COLORS[severity]} variant={severity === 'critical' ? 'filled' : 'light'} {...props}>
      {SEVERITY_LABELS[severity]}
    </Badge>
  );
}
