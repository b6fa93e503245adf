import { Badge, Group } from '@mantine/core';
import type { TriageItem } from '../../shared/triage-types.ts';
import { isResolved, plural } from './triage-labels.tsx';

/** An alert group's figures: distinct alerts, occurrences in all, and how many still fire ("Resolved" when none). */
export function TriageCounts({ item, size = 'sm' }: { item: TriageItem; size?: 'xs' | 'sm' | 'md' }) {
  if (item.kind !== 'alerts') return null;
  const resolved = isResolved(item);
  return (
    <Group
      gap={6}
      wrap="wrap"
      data-alert-count={item.alertCount}
      data-occurrences={item.occurrences}
      data-firing={item.firingCount}
    >
      <Badge size={size} variant="default" fw={500}>
        {plural(item.alertCount, 'alert')}
      </Badge>
      <Badge size={size} variant="default" fw={500}>
        {plural(item.occurrences, 'occurrence')}
      </Badge>
      {resolved ? (
        <Badge size={size} color="teal" variant="light" data-resolved>
          Resolved
        </Badge>
      ) : (
        <Badge size={size} color="red" variant="light">
          {item.firingCount} firing
        </Badge>
      )}
    </Group>
  );
}
