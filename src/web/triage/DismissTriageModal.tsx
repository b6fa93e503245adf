import { Checkbox, Group, Select, Text } from '@mantine/core';
import { useState } from 'react';
import type { TriageItem } from '../../shared/triage-types.ts';
import { DEFAULT_SILENCE_MINUTES, SILENCE_DURATIONS } from '../alerts/silence-durations.ts';
import { notifySuccess } from '../core/notify.ts';
import { ReasonModal } from '../core/ReasonModal.tsx';
import type { TriageActions } from './triage-api.ts';

interface DismissTriageModalProps {
  opened: boolean;
  onClose: () => void;
  item: TriageItem;
  actions: TriageActions;
}

/** DP1 says "not an incident": dismissed with a reason, and for alerts optionally silenced for a while. */
export function DismissTriageModal({ opened, onClose, item, actions }: DismissTriageModalProps) {
  const [silence, setSilence] = useState(false);
  const [minutes, setMinutes] = useState(DEFAULT_SILENCE_MINUTES);
  const close = () => {
    setSilence(false);
    setMinutes(DEFAULT_SILENCE_MINUTES);
    onClose();
  };
  const alerts = item.kind === 'alerts';
  return (
    <ReasonModal
      opened={opened}
      onClose={close}
      title={`Dismiss “${item.title}”`}
      label="Why is it not an incident?"
      description="e.g. “Planned maintenance, change CHG-2041”. Recorded with your name. Ctrl+Enter to dismiss."
      submitLabel="Dismiss"
      color="red"
      pending={actions.dismiss.isPending}
      fields={['reason', 'silenceMinutes']}
      onSubmit={(reason) =>
        actions.dismiss
          .mutateAsync({ reason, silenceMinutes: alerts && silence ? Number(minutes) : undefined })
          .then(() => notifySuccess(alerts && silence ? 'Dismissed, and its alerts silenced.' : 'Dismissed.', item.title))
      }
    >
      <Text size="sm">
        A false positive or something harmless (DP1). It moves to “Dismissed”, where it can still be found with your reason.
      </Text>
      {alerts && (
        <Group gap="sm" align="flex-end">
          <Checkbox
            label="Also silence these alerts for"
            checked={silence}
            onChange={(e) => setSilence(e.currentTarget.checked)}
            mb={8}
          />
          <Select
            aria-label="How long to silence them"
            data={SILENCE_DURATIONS}
            value={minutes}
            onChange={(v) => v && setMinutes(v)}
            allowDeselect={false}
            disabled={!silence}
            w={140}
          />
        </Group>
      )}
      {alerts && (
        <Text size="xs" c="dimmed" mt={-8}>
          Without a silence, these alerts come back to the queue when they fire again.
        </Text>
      )}
    </ReasonModal>
  );
}
