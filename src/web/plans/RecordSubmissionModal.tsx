import { Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormActions } from '../core/FormActions.tsx';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { fromLocalInput, toLocalInput, userTimeZone } from '../core/time.ts';
import type { StageActions } from '../deadlines/deadlines-api.ts';
import { LocalDateTimeInput } from '../incidents/LocalDateTimeInput.tsx';

export interface StageTarget {
  obligationId: string;
  stageId: string;
  /** "GDPR: notify the supervisory authority — Notification". */
  title: string;
  recipient: string;
}

interface SubmissionValues {
  reference: string;
  submittedAt: string;
  note: string;
  _api?: string;
}

interface RecordSubmissionModalProps {
  target: StageTarget | null;
  onClose: () => void;
  actions: StageActions;
}

/** "Record submission": the stage was met outside Muster (a web form, a phone call); its clock stops. */
export function RecordSubmissionModal({ target, onClose, actions }: RecordSubmissionModalProps) {
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title="Record submission"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {target && <RecordSubmissionForm target={target} onClose={onClose} actions={actions} />}
    </Modal>
  );
}

function RecordSubmissionForm({ target, onClose, actions }: { target: StageTarget; onClose: () => void; actions: StageActions }) {
  const form = useForm<SubmissionValues>({
    initialValues: { reference: '', submittedAt: toLocalInput(new Date().toISOString()), note: '' },
    validate: {
      reference: (v) => (v.trim() ? null : 'Give the recipient’s reference number, or say how it was submitted'),
      submittedAt: (v) => {
        const iso = fromLocalInput(v);
        if (!iso) return 'Enter when it was submitted';
        return Date.parse(iso) > Date.now() + 60_000 ? 'The submission time is in the future' : null;
      },
    },
  });
  const submit = form.onSubmit((values) => {
    actions.submit.mutate(
      {
        obligationId: target.obligationId,
        stageId: target.stageId,
        reference: values.reference.trim(),
        submittedAt: fromLocalInput(values.submittedAt) ?? undefined,
        note: values.note.trim() || undefined,
      },
      {
        onSuccess: () => {
          notifySuccess(`${target.title}: its clock has stopped.`, 'Submission recorded');
          onClose();
        },
        onError: (error) => showApiError(form, error),
      },
    );
  }, focusFirstInvalid);

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Record submission">
      <Stack gap="md">
        <Text size="sm">
          <b>{target.title}</b>, to {target.recipient}. Record it when it was made outside Muster — a web form, a phone call, a
          letter. A notification sent from Muster for this stage records itself when it is delivered.
        </Text>
        <TextInput
          label="Reference"
          description="The recipient’s case or reference number, or how it was submitted"
          placeholder="e.g. DPA-2026-0042"
          required
          maxLength={500}
          data-autofocus
          {...form.getInputProps('reference')}
        />
        <LocalDateTimeInput
          label="Submitted at"
          description={`Your time zone (${userTimeZone()}); defaults to now`}
          required
          {...form.getInputProps('submittedAt')}
        />
        <Textarea label="Note" description="Optional" autosize minRows={2} maxRows={8} {...form.getInputProps('note')} />
        <NotSavedAlert error={form.errors._api} />
        <FormActions submitLabel="Record submission" pending={actions.submit.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
