import { Modal, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { FormActions } from '../core/FormActions.tsx';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import type { NotificationActions } from './notifications-api.ts';

export interface ChannelChoice {
  id: string;
  label: string;
}

interface CompromisedValues {
  channelId: string;
  scope: 'incident' | 'customer';
  reason: string;
  _api?: string;
}

interface DeclareCompromisedModalProps {
  opened: boolean;
  onClose: () => void;
  /** The channels of the incident's contacts and ladders that are not declared compromised yet. */
  channels: ChannelChoice[];
  actions: NotificationActions;
}

/** "Declare channel compromised": no notification uses it any more; one waiting on it moves to the next level now. */
export function DeclareCompromisedModal({ opened, onClose, ...rest }: DeclareCompromisedModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Declare a channel compromised"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {opened && <DeclareCompromisedForm onClose={onClose} {...rest} />}
    </Modal>
  );
}

function DeclareCompromisedForm({ onClose, channels, actions }: Omit<DeclareCompromisedModalProps, 'opened'>) {
  const form = useForm<CompromisedValues>({
    initialValues: { channelId: '', scope: 'incident', reason: '' },
    validate: {
      channelId: (v) => (v ? null : 'Choose the channel'),
      reason: (v) => (v.trim() ? null : 'Say why it cannot be trusted: it is recorded on the timeline'),
    },
  });
  const submit = form.onSubmit((values) => {
    actions.declareCompromised.mutate(
      { channelId: values.channelId, scope: values.scope, reason: values.reason.trim() },
      {
        onSuccess: () => {
          notifySuccess('Notifications skip it from now on; one waiting on it moves to its next level.', 'Channel compromised');
          onClose();
        },
        onError: (error) => showApiError(form, error),
      },
    );
  }, focusFirstInvalid);

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Declare a channel compromised">
      <Stack gap="md">
        <Text size="sm">
          When the attacker may read or control a channel (a compromised mailbox, a chat workspace they are in), stop using it.
          Notifications skip it, and one waiting on it moves to its next level now.
        </Text>
        <Select
          label="Channel"
          placeholder={channels.length ? 'Choose a channel' : 'No channels in the plan'}
          data={channels.map((c) => ({ value: c.id, label: c.label }))}
          searchable
          required
          data-autofocus
          {...form.getInputProps('channelId')}
          value={form.values.channelId || null}
          onChange={(v) => form.setFieldValue('channelId', v ?? '')}
        />
        <Radio.Group label="For" {...form.getInputProps('scope')}>
          <Stack gap={6} mt={6}>
            <Radio value="incident" label="This incident only" />
            <Radio value="customer" label="Every incident of this customer" />
          </Stack>
        </Radio.Group>
        <Textarea
          label="Reason"
          description="Recorded on the timeline with your name. Ctrl+Enter to declare."
          required
          autosize
          minRows={3}
          maxRows={8}
          {...form.getInputProps('reason')}
        />
        <NotSavedAlert error={form.errors._api} />
        <FormActions submitLabel="Declare compromised" pending={actions.declareCompromised.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
