import { Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { InstructionAnswer, Notification } from '../../shared/notification-types.ts';
import { FormActions } from '../core/FormActions.tsx';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import type { NotificationActions } from './notifications-api.ts';

interface AnswerValues {
  decision: InstructionAnswer['decision'];
  text: string;
  by: string;
  _api?: string;
}

interface RecordAnswerModalProps {
  /** The unanswered instruction request; null: closed. */
  notification: Notification | null;
  actions: NotificationActions;
  onClose: () => void;
}

const RECORDED: Record<InstructionAnswer['decision'], string> = {
  approve: 'Recorded: they approved. The step can go ahead.',
  decline: 'Recorded: they declined. The step stays blocked.',
  instruct: 'Recorded: their instruction. The step can go ahead their way.',
};

/**
 * "Record their answer…": the customer answered an instruction request by phone or in person (their link's
 * channel may be down); a responder records the decision, their words, and who answered how.
 */
export function RecordAnswerModal({ notification, actions, onClose }: RecordAnswerModalProps) {
  return (
    <Modal
      opened={notification !== null}
      onClose={onClose}
      title="Record their answer"
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {notification && <RecordAnswerForm notification={notification} actions={actions} onClose={onClose} />}
    </Modal>
  );
}

function RecordAnswerForm({
  notification: n,
  actions,
  onClose,
}: {
  notification: Notification;
  actions: NotificationActions;
  onClose: () => void;
}) {
  const form = useForm<AnswerValues>({
    initialValues: { decision: 'approve', text: '', by: '' },
    validate: {
      text: (v, values) => (values.decision === 'instruct' && !v.trim() ? 'Write their instruction' : null),
      by: (v) => (v.trim() ? null : 'Say who answered, and how'),
    },
  });
  const instruct = form.values.decision === 'instruct';

  const submit = form.onSubmit((values) => {
    actions.recordAnswer.mutate(
      { id: n.id, decision: values.decision, text: values.text.trim() || undefined, by: values.by.trim() },
      {
        onSuccess: (answered) => {
          // An answer already given (through their link, meanwhile) is kept: the server returns it unchanged.
          const earlier = answered.response && !answered.response.by.startsWith(values.by.trim());
          if (earlier) notifySuccess(`Their answer had already arrived, from ${answered.response?.by}.`, 'Already answered');
          else notifySuccess(RECORDED[values.decision], 'Answer recorded');
          onClose();
        },
        onError: (error) => showApiError(form, error),
      },
    );
  }, focusFirstInvalid);

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Record their answer">
      <Stack gap="md">
        <Text size="sm">
          The customer answered outside their link — on the phone, in person. Asked <RelativeTime value={n.createdAt} span />:
        </Text>
        <Text size="sm" c="dimmed" lineClamp={6} style={{ whiteSpace: 'pre-wrap' }}>
          {n.body}
        </Text>
        <Radio.Group
          label="Their decision"
          required
          {...form.getInputProps('decision')}
          onChange={(value) => {
            form.setFieldValue('decision', value as AnswerValues['decision']);
            form.clearFieldError('text');
          }}
        >
          <Stack gap={6} mt={6}>
            <Radio value="approve" label="Approve" data-autofocus />
            <Radio value="decline" label="Decline" />
            <Radio value="instruct" label="Instruct: do it their way" />
          </Stack>
        </Radio.Group>
        <Textarea
          label="Instruction or comment"
          description={instruct ? 'What they told you to do, in their words' : 'Optional'}
          required={instruct}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={5000}
          {...form.getInputProps('text')}
        />
        <TextInput
          label="Who answered, and how"
          description="Recorded with your name"
          placeholder="e.g. Kari Nordmann, by phone"
          required
          maxLength={200}
          {...form.getInputProps('by')}
        />
        <NotSavedAlert error={form.errors._api} />
        <FormActions submitLabel="Record answer" pending={actions.recordAnswer.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
