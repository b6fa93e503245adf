import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Task } from '../../shared/task-types.ts';
import { notifySuccess } from '../core/notify.ts';
import { ReasonModal } from '../core/ReasonModal.tsx';
import type { useChangeTask } from './tasks-api.ts';

interface OverrideTaskModalProps {
  task: Task | null;
  change: ReturnType<typeof useChangeTask>;
  onClose: () => void;
  /** Where the customer can still be asked (the incident's Tasks panel), said in the dialog. */
  askHint?: string;
}

/** Marks a task done although it waits for the customer's instruction: with a reason, flagged for the review. */
export function OverrideTaskModal({ task, change, onClose, askHint }: OverrideTaskModalProps) {
  return (
    <ReasonModal
      key={task?.id ?? 'none'}
      opened={task !== null}
      onClose={onClose}
      title="Mark done without the customer’s instruction"
      label="Why it cannot wait"
      submitLabel="Override and mark done"
      color="orange"
      fields={['overrideReason', 'reason']}
      pending={change.isPending}
      onSubmit={(reason) =>
        task
          ? change
              .mutateAsync({ task, changes: { status: 'done', overrideReason: reason } })
              .then(() => notifySuccess('Marked done as an override; it is flagged for the review.'))
          : Promise.resolve()
      }
    >
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} p="xs">
        <Text size="sm">
          “{task?.title}” needs the customer’s instruction: {task?.gate ?? 'they have not given it'}.
          {askHint ? ` ${askHint}` : ''} Doing it anyway is recorded as an override with your name and reason, and{' '}
          <b>flagged for the review</b>.
        </Text>
      </Alert>
    </ReasonModal>
  );
}
