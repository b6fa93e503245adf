import { Modal, Select, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { NewTask, TaskPhase } from '../../shared/task-types.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { FormActions } from '../core/FormActions.tsx';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
import { fromLocalInput } from '../core/time.ts';
import { LocalDateTimeInput } from '../incidents/LocalDateTimeInput.tsx';
import { PHASE_LABELS, PLAYBOOK_PHASES } from '../playbooks/playbook-labels.ts';
import type { TaskActions } from './tasks-api.ts';

interface AddTaskModalProps {
  opened: boolean;
  onClose: () => void;
  actions: TaskActions;
  candidates: { id: string; name: string }[];
}

/** "Add task": an ad-hoc task on the incident. Enter in the title, or Ctrl+Enter anywhere, adds it. */
export function AddTaskModal({ opened, onClose, actions, candidates }: AddTaskModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Add a task"
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {opened && <AddTaskForm onClose={onClose} actions={actions} candidates={candidates} />}
    </Modal>
  );
}

function AddTaskForm({ onClose, actions, candidates }: Omit<AddTaskModalProps, 'opened'>) {
  const [title, setTitle] = useState('');
  const [phase, setPhase] = useState<TaskPhase | null>(null);
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [due, setDue] = useState('');
  const [needsInstruction, setNeedsInstruction] = useState(false);
  const [detail, setDetail] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [apiError, setApiError] = useState<string | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setErrors({ title: 'Say what to do, e.g. "Call the hosting provider"' });
      return;
    }
    const body: NewTask = {
      title: title.trim(),
      detail: detail.trim() || undefined,
      phase,
      assigneeId,
      dueAt: fromLocalInput(due),
      needsInstruction,
    };
    actions.create.mutate(body, {
      onSuccess: (task) => {
        notifySuccess(`“${task.title}” was added.`);
        onClose();
      },
      onError: (error) => {
        if (isApiError(error) && error.field && ['title', 'assigneeId', 'dueAt'].includes(error.field)) {
          setErrors({ [error.field]: errorMessage(error) });
        } else setApiError(errorMessage(error));
      },
    });
  };

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Add a task">
      <Stack gap="sm">
        <TextInput
          label="What to do"
          placeholder="e.g. Call the hosting provider"
          withAsterisk
          value={title}
          onChange={(e) => {
            setTitle(e.currentTarget.value);
            setErrors({});
          }}
          error={errors.title}
          data-autofocus
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Phase"
            placeholder="None"
            data={PLAYBOOK_PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))}
            value={phase}
            onChange={(value) => setPhase(value as TaskPhase | null)}
            clearable
          />
          <Select
            label="Assignee"
            placeholder="Unassigned"
            data={candidates.map((c) => ({ value: c.id, label: c.name }))}
            value={assigneeId}
            onChange={setAssigneeId}
            error={errors.assigneeId}
            clearable
            searchable
            nothingFoundMessage="Nobody by that name may work on this incident"
          />
        </SimpleGrid>
        <LocalDateTimeInput
          label="Due"
          description="In your time zone. Its assignee is reminded when it falls due."
          value={due}
          onChange={(e) => setDue(e.currentTarget.value)}
          error={errors.dueAt}
        />
        <Textarea
          label="How to do it"
          autosize
          minRows={2}
          maxRows={8}
          value={detail}
          onChange={(e) => setDetail(e.currentTarget.value)}
        />
        <Switch
          label="Needs the customer’s instruction"
          description="It acts on the customer’s systems or on their behalf: it cannot be marked done until they answer (or someone overrides with a reason)."
          color="orange"
          checked={needsInstruction}
          onChange={(e) => setNeedsInstruction(e.currentTarget.checked)}
        />
        <NotSavedAlert error={apiError} />
        <FormActions submitLabel="Add task" pending={actions.create.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
