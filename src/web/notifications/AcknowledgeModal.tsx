import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { Notification } from '../../shared/notification-types.ts';
import { errorMessage } from '../core/error-message.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
import type { NotificationActions } from './notifications-api.ts';

interface AcknowledgeModalProps {
  notification: Notification | null;
  actions: NotificationActions;
  onClose: () => void;
}

/**
 * "Record acknowledgement": the recipient has the message (they said so on the phone, in person…), or the task a
 * person had to do on a manual level was done. Either way the ladder stops walking.
 */
export function AcknowledgeModal({ notification: n, actions, onClose }: AcknowledgeModalProps) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const task = n?.status === 'awaiting-person';
  const step = n ? n.ladder[n.level] : undefined;
  const title = task ? 'Record it was done' : 'Record acknowledgement';

  const close = () => {
    setNote('');
    setError(null);
    onClose();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!n) return;
    actions.acknowledge.mutate(
      { id: n.id, note: note.trim() || undefined },
      {
        onSuccess: () => {
          notifySuccess(task ? 'Recorded as done; the ladder stops here.' : 'Acknowledgement recorded; the ladder stops here.');
          close();
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };

  return (
    <Modal
      opened={n !== null}
      onClose={close}
      title={title}
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
        <Stack gap="md">
          {task ? (
            <Text size="sm">
              Record that this was done: <b>{step?.instruction || 'the task on this level'}</b>. The notification counts as
              acknowledged and does not move on to the next level.
            </Text>
          ) : (
            <Text size="sm">
              Record that {step?.contactName || 'the recipient'} has the message — for instance they confirmed it on the phone.
              The notification stops walking its ladder.
            </Text>
          )}
          <Textarea
            label="Note"
            description="Optional: who confirmed it, and how. Kept on the timeline. Ctrl+Enter to record."
            autosize
            minRows={2}
            maxRows={8}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-autofocus
          />
          <NotSavedAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={actions.acknowledge.isPending}>
              {title}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
