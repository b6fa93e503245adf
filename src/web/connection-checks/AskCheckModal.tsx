import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Incident } from '../../shared/api-types.ts';
import { FormActions } from '../core/FormActions.tsx';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { useRequestConnectionCheck } from './connection-checks-api.ts';

interface AskCheckModalProps {
  opened: boolean;
  onClose: () => void;
  incident: Incident;
}

/** "Ask the customer to check connections": what goes out, and optional opening words of our own. */
export function AskCheckModal({ opened, onClose, incident }: AskCheckModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Ask the customer to check connections"
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {opened && <AskCheckForm incident={incident} onClose={onClose} />}
    </Modal>
  );
}

function AskCheckForm({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const request = useRequestConnectionCheck(incident);
  const form = useForm<{ message: string; _api?: string }>({ initialValues: { message: '' } });
  const submit = form.onSubmit((values) => {
    request.mutate(
      { message: values.message.trim() || undefined },
      {
        onSuccess: (check) => {
          notifySuccess(
            `${check.connections.length} connection${check.connections.length === 1 ? '' : 's'} sent up the customer’s notify-customer ladder.`,
            'Sent to the customer',
          );
          onClose();
        },
        onError: (error) => showApiError(form, error),
      },
    );
  }, focusFirstInvalid);

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Ask the customer to check connections">
      <Stack gap="md">
        <Text size="sm">
          Every connection of the incident’s affected services goes to the customer’s contact point up their notify-customer PACE
          ladder, with a link where they answer for each one: checked and clean, compromised, or not checked. The link needs no
          account, works once and expires after seven days. Their answers appear here and on the timeline.
        </Text>
        <Textarea
          label="Opening words"
          description="Optional: what you want them to know first. Without it, a standard text explains why."
          autosize
          minRows={3}
          maxRows={10}
          maxLength={5000}
          data-autofocus
          {...form.getInputProps('message')}
        />
        <NotSavedAlert error={form.errors._api} />
        <FormActions submitLabel="Send to the customer" pending={request.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
