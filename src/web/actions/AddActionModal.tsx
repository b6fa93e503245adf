import { Modal, Select, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { ActionTarget } from '../../shared/review-types.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { FormActions } from '../core/FormActions.tsx';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
import { fromLocalInput } from '../core/time.ts';
import { type ActionBasics, ActionBasicsFields } from './ActionBasicsFields.tsx';
import { targetWords } from './action-labels.ts';
import type { NewAction, TargetInput, useCreateAction } from './actions-api.ts';

interface AddActionModalProps {
  opened: boolean;
  onClose: () => void;
  create: ReturnType<typeof useCreateAction>;
  candidates: { id: string; name: string }[];
  targets: ActionTarget[];
}

const FIELDS = ['title', 'detail', 'ownerId', 'dueAt', 'target', 'target.playbookId'];

const targetValue = (t: ActionTarget) => (t.type === 'plan' ? 'plan' : `playbook:${t.playbookId}`);

function targetInput(value: string | null): TargetInput | null {
  if (!value) return null;
  return value === 'plan' ? { type: 'plan' } : { type: 'playbook', playbookId: value.slice('playbook:'.length) };
}

/** "Add action": a lesson made someone's job, with a due date and, when it changes the plan, what it changes. */
export function AddActionModal({ opened, onClose, ...rest }: AddActionModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Add an action"
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {opened && <AddActionForm onClose={onClose} {...rest} />}
    </Modal>
  );
}

function AddActionForm({ onClose, create, candidates, targets }: Omit<AddActionModalProps, 'opened'>) {
  const [basics, setBasics] = useState<ActionBasics>({ title: '', ownerId: null, due: '' });
  const { title, ownerId, due } = basics;
  const [detail, setDetail] = useState('');
  const [target, setTarget] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [apiError, setApiError] = useState<string | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setErrors({ title: 'Say what is to be done, e.g. "Add the VPN logs to the ransomware playbook"' });
      return;
    }
    const body: NewAction = {
      title: title.trim(),
      detail: detail.trim() || undefined,
      ownerId,
      dueAt: fromLocalInput(due),
      target: targetInput(target),
    };
    create.mutate(body, {
      onSuccess: (action) => {
        notifySuccess(`“${action.title}” was added.`);
        onClose();
      },
      onError: (error) => {
        if (isApiError(error) && error.field && FIELDS.includes(error.field)) {
          setErrors({ [error.field.startsWith('target') ? 'target' : error.field]: errorMessage(error) });
        } else setApiError(errorMessage(error));
      },
    });
  };

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Add an action">
      <Stack gap="sm">
        <ActionBasicsFields
          value={basics}
          onChange={(next) => {
            setBasics(next);
            setErrors({});
          }}
          owners={candidates}
          errors={errors}
          dueDescription="In your time zone. The owner is reminded once when it falls due."
        />
        <Select
          label="Changes"
          description={
            targets.length
              ? 'When it changes the plan: it is done when the customer’s plan is published with that change.'
              : 'This incident belongs to no customer, so there is no plan to change.'
          }
          placeholder="Nothing in the plan"
          data={targets.map((t) => ({ value: targetValue(t), label: targetWords(t) ?? t.name }))}
          value={target}
          onChange={setTarget}
          error={errors.target}
          disabled={targets.length === 0}
          clearable
          searchable
        />
        <Textarea
          label="Details"
          description="Why, and what good looks like."
          autosize
          minRows={2}
          maxRows={8}
          value={detail}
          onChange={(e) => setDetail(e.currentTarget.value)}
          error={errors.detail}
        />
        <NotSavedAlert error={apiError} />
        <FormActions submitLabel="Add action" pending={create.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
