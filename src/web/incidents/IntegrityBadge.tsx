import { Badge, Tooltip } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { errorMessage } from '../core/error-message.ts';
import { useIntegrity } from './incidents-api.ts';

/** Whether the timeline's hash chain still verifies; re-checked whenever new events arrive. */
export function IntegrityBadge({ incidentId }: { incidentId: string }) {
  const integrity = useIntegrity(incidentId);
  if (integrity.isPending) {
    return (
      <Badge variant="light" color="gray" tt="none">
        Verifying timeline…
      </Badge>
    );
  }
  if (integrity.isError) {
    return (
      <Tooltip label={errorMessage(integrity.error)} withArrow multiline w={260}>
        <Badge variant="light" color="gray" tt="none" role="status">
          Integrity not checked
        </Badge>
      </Tooltip>
    );
  }
  const { valid, count, head, firstInvalidSeq, problem } = integrity.data;
  if (valid) {
    return (
      <Tooltip label={head ? `Hash chain verified. Head: ${head.slice(0, 16)}…` : 'Hash chain verified'} withArrow>
        <Badge variant="light" color="teal" tt="none" leftSection={<IconShieldCheck size={14} />} role="status">
          Timeline verified · {count} {count === 1 ? 'event' : 'events'}
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Tooltip
      label={`The stored record was changed outside Muster: ${problem ?? 'an event no longer matches its hash'}. Tell your administrator.`}
      withArrow
      multiline
      w={280}
    >
      <Badge variant="filled" color="red" tt="none" leftSection={<IconShieldX size={14} />} role="status">
        {firstInvalidSeq ? `Integrity broken at event #${firstInvalidSeq}` : 'Integrity broken'}
      </Badge>
    </Tooltip>
  );
}
