import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { PlaybookStep } from '../../shared/prepare-types.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
import type { NotificationActions } from '../notifications/notifications-api.ts';
import { defaultQuestion } from './incident-step-state.ts';

interface AskCustomerModalProps {
  /** The step to ask about, with its "playbookSlug/stepId". */
  target: { step: PlaybookStep; ref: string } | null;
  actions: NotificationActions;
  onClose: () => void;
}

/** "Ask the customer": an instruction request up the notify-customer ladder, answered through a link without an account. */
export function AskCustomerModal({ target, actions, onClose }: AskCustomerModalProps) {
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title="Ask the customer"
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {target && <AskCustomerForm target={target} actions={actions} onClose={onClose} />}
    </Modal>
  );
}

function AskCustomerForm({
  target,
  actions,
  onClose,
}: {
  target: NonNullable<AskCustomerModalProps['target']>;
  actions: NotificationActions;
  onClose: () => void;
}) {
  const [question, setQuestion] = useState(() => defaultQuestion(target.step));
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [apiError, setApiError] = useState<string | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!question.trim()) {
      setFieldError('Write the question for the customer');
      return;
    }
    actions.askInstruction.mutate(
      { question: question.trim(), stepRef: target.ref },
      {
        onSuccess: () => {
          notifySuccess('The step waits for their answer; it shows here when it arrives.', 'Asked the customer');
          onClose();
        },
        onError: (error) => {
          if (isApiError(error) && error.field === 'question') setFieldError(errorMessage(error));
          else setApiError(errorMessage(error));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Ask the customer">
      <Stack gap="md">
        <Text size="sm">
          The question walks the customer’s PACE ladder to notify the customer. The message carries a link where they approve,
          decline or instruct — no account needed.
        </Text>
        <Textarea
          label="Question"
          description="Ctrl+Enter to send"
          required
          autosize
          minRows={6}
          maxRows={16}
          value={question}
          onChange={(e) => {
            setQuestion(e.currentTarget.value);
            setFieldError(null);
          }}
          error={fieldError}
          data-autofocus
        />
        <NotSavedAlert error={apiError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={actions.askInstruction.isPending}>
            Send to the customer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
