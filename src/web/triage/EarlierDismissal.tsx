import { Alert, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { TriageItem } from '../../shared/triage-types.ts';

/** In the open and attach dialogs of a dismissed item: the earlier decision, which its record keeps. */
export function EarlierDismissal({ item }: { item: TriageItem }) {
  return (
    <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} p="xs">
      <Text size="sm">
        {item.decidedBy ?? 'Someone'} dismissed it{item.decisionReason ? `: “${item.decisionReason}”.` : '.'} Its record keeps
        that decision next to this one.
      </Text>
    </Alert>
  );
}
