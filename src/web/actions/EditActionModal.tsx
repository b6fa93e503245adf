import { Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { ReviewAction } from '../../shared/review-types.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { FormActions } from '../core/FormActions.tsx';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
import { fromLocalInput, toLocalInput } from '../core/time.ts';
import { type ActionBasics, ActionBasicsFields } from './ActionBasicsFields.tsx';
import type { ActionChanges, useChangeAction } from './actions-api.ts';

interface EditActionModalProps {
  action: ReviewAction | null;
  onClose: () => void;
  change: ReturnType<typeof useChangeAction>;
  candidates: { id: string; name: string }[];
}

/** Edits an action's title, details, owner and due date (a new due date means a new reminder). */
export function EditActionModal({ action, onClose, change, candidates }: EditActionModalProps) {
  return (
    <Modal
      opened={action !== null}
      onClose={onClose}
      title="Edit the action"
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {action && <EditActionForm key={action.id} action={action} onClose={onClose} change={change} candidates={candidates} />}
    </Modal>
  );
}

function EditActionForm({ action, onClose, change, candidates }: EditActionModalProps & { action: ReviewAction }) {
  const [basics, setBasics] = useState<ActionBasics>({
    title: action.title,
    ownerId: action.ownerId,
    due: toLocalInput(action.dueAt),
  });
  const { title, ownerId, due } = basics;
  const [detail, setDetail] = useState(action.detail);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [apiError, setApiError] = useState<string | null>(null);
  // The current owner stays choosable even when they may no longer be given new work.
  const owners = [
    ...candidates,
    ...(action.ownerId && !candidates.some((c) => c.id === action.ownerId)
      ? [{ id: action.ownerId, name: action.ownerName ?? action.ownerId }]
      : []),
  ];

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setErrors({ title: 'An action needs a title' });
      return;
    }
    const changes: ActionChanges = { title: title.trim(), detail: detail.trim(), ownerId, dueAt: fromLocalInput(due) };
    change.mutate(
      { action, changes },
      {
        onSuccess: (saved) => {
          notifySuccess(`“${saved.title}” was saved.`);
          onClose();
        },
        onError: (error) => {
          if (isApiError(error) && error.field && ['title', 'detail', 'ownerId', 'dueAt'].includes(error.field)) {
            setErrors({ [error.field]: errorMessage(error) });
          } else setApiError(errorMessage(error));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Edit the action">
      <Stack gap="sm">
        <ActionBasicsFields
          value={basics}
          onChange={(next) => {
            setBasics(next);
            setErrors({});
          }}
          owners={owners}
          errors={errors}
          dueDescription="In your time zone. A new due date means a new reminder."
        />
        <Textarea
          label="Details"
          autosize
          minRows={2}
          maxRows={8}
          value={detail}
          onChange={(e) => setDetail(e.currentTarget.value)}
        />
        <NotSavedAlert error={apiError} />
        <FormActions submitLabel="Save" pending={change.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
