import { Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Task, TaskChanges } from '../../shared/task-types.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { FormActions } from '../core/FormActions.tsx';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
import { fromLocalInput, toLocalInput } from '../core/time.ts';
import { LocalDateTimeInput } from '../incidents/LocalDateTimeInput.tsx';
import { dueWords } from './task-labels.ts';

interface EditTaskModalProps {
  task: Task | null;
  pending: boolean;
  onClose: () => void;
  /** Resolves when saved; rejects with the API's refusal (shown in the dialog). */
  onSave: (task: Task, changes: TaskChanges) => Promise<unknown>;
}

/** "Edit…": a task's title, due time, description and note; only what changed is sent. */
export function EditTaskModal({ task, pending, onClose, onSave }: EditTaskModalProps) {
  return (
    <Modal
      opened={task !== null}
      onClose={onClose}
      title="Edit the task"
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {task && <EditTaskForm key={task.id} task={task} pending={pending} onClose={onClose} onSave={onSave} />}
    </Modal>
  );
}

function EditTaskForm({ task, pending, onClose, onSave }: Omit<EditTaskModalProps, 'task'> & { task: Task }) {
  const [title, setTitle] = useState(task.title);
  const [due, setDue] = useState(toLocalInput(task.dueAt));
  const [detail, setDetail] = useState(task.detail);
  const [note, setNote] = useState(task.note);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [apiError, setApiError] = useState<string | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setErrors({ title: 'A task needs a title' });
      return;
    }
    const changes: TaskChanges = {};
    if (title.trim() !== task.title) changes.title = title.trim();
    if (due !== toLocalInput(task.dueAt)) changes.dueAt = fromLocalInput(due);
    if (detail.trim() !== task.detail) changes.detail = detail.trim();
    if (note.trim() !== task.note) changes.note = note.trim();
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    onSave(task, changes).then(onClose, (error) => {
      if (isApiError(error) && error.field && ['title', 'dueAt', 'note', 'detail'].includes(error.field)) {
        setErrors({ [error.field]: errorMessage(error) });
      } else setApiError(errorMessage(error));
    });
  };

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Edit the task">
      <Stack gap="sm">
        <TextInput
          label="What to do"
          withAsterisk
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
          data-autofocus
        />
        <LocalDateTimeInput
          label="Due"
          description={
            task.due
              ? `In your time zone. Follows the playbook (${dueWords(task.due)}) until you set a time here.`
              : 'In your time zone. Empty: no due time.'
          }
          value={due}
          onChange={(e) => setDue(e.currentTarget.value)}
          error={errors.dueAt}
        />
        <Textarea
          label="How to do it"
          autosize
          minRows={2}
          maxRows={10}
          value={detail}
          onChange={(e) => setDetail(e.currentTarget.value)}
        />
        <Textarea
          label="Note"
          description="What was done, found or is in the way; on the timeline with your name."
          autosize
          minRows={2}
          maxRows={8}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
        />
        {task.playbookName && (
          <Text size="xs" c="dimmed">
            From the playbook {task.playbookName}.
          </Text>
        )}
        <NotSavedAlert error={apiError} />
        <FormActions submitLabel="Save" pending={pending} onCancel={onClose} fromAnywhere />
      </Stack>
    </form>
  );
}
