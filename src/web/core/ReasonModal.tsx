import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { isApiError } from './api.ts';
import { errorMessage } from './error-message.ts';
import { NotSavedAlert } from './NotSavedAlert.tsx';
import { submitOnModEnter } from './submit-shortcut.ts';

interface ReasonModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** What confirming does, above the reason. */
  children?: ReactNode;
  label?: string;
  description?: string;
  submitLabel: string;
  color?: string;
  pending: boolean;
  /** Resolves when it was recorded (the dialog closes); rejects with the API's refusal (shown in the dialog). */
  onSubmit: (reason: string) => Promise<unknown>;
  /** The API field names that mean the reason (e.g. "reason", "overrideReason"). */
  fields?: string[];
  initialReason?: string;
}

/** Asks for a reason before an action that is recorded with it (move a level, waive a stage, override a step). */
export function ReasonModal({
  opened,
  onClose,
  title,
  children,
  label = 'Reason',
  description = 'Recorded on the timeline with your name. Ctrl+Enter to confirm.',
  submitLabel,
  color,
  pending,
  onSubmit,
  fields = ['reason'],
  initialReason = '',
}: ReasonModalProps) {
  const [reason, setReason] = useState(initialReason);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [apiError, setApiError] = useState<string | null>(null);

  const close = () => {
    setReason(initialReason);
    setFieldError(null);
    setApiError(null);
    onClose();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setFieldError('Write down why: it is recorded with your name');
      return;
    }
    onSubmit(text).then(close, (error: unknown) => {
      if (isApiError(error) && error.field && fields.includes(error.field)) setFieldError(errorMessage(error));
      else setApiError(errorMessage(error));
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={title} size="lg" centered closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}>
      <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
        <Stack gap="md">
          {children}
          <Textarea
            label={label}
            description={description}
            required
            autosize
            minRows={3}
            maxRows={10}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setFieldError(null);
              setApiError(null);
            }}
            error={fieldError}
            data-autofocus
          />
          <NotSavedAlert error={apiError} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} color={color}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
