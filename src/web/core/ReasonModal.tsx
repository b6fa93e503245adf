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
  /** The action may go without a reason (the field says "optional"). */
  reasonOptional?: boolean;
  /** The action no longer applies (e.g. someone else moved on meanwhile): say why in children. */
  submitDisabled?: boolean;
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
  reasonOptional = false,
  submitDisabled = false,
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
    if (submitDisabled) return;
    const text = reason.trim();
    if (!text && !reasonOptional) {
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
            label={reasonOptional ? `${label} (optional)` : label}
            description={description}
            required={!reasonOptional}
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
            <Button type="submit" loading={pending} color={color} disabled={submitDisabled}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
