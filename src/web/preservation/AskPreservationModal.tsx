import { ActionIcon, Button, Group, Loader, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import { MAX_PRESERVE_ITEMS, PRESERVE_ITEM_MAX } from '../../shared/preservation-types.ts';
import { FormActions } from '../core/FormActions.tsx';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { useRequestPreservation, useSuggestedPreserveItems } from './preservation-api.ts';

export const ASK_PRESERVATION = 'Ask the customer to preserve…';

interface AskPreservationModalProps {
  opened: boolean;
  onClose: () => void;
  incident: Incident;
}

/** "Ask the customer to preserve…": the list, prefilled from the playbooks and editable, a message and a keep-until date. */
export function AskPreservationModal({ opened, onClose, incident }: AskPreservationModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Ask the customer to preserve evidence"
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {opened && <AskPreservationForm incident={incident} onClose={onClose} />}
    </Modal>
  );
}

interface Values {
  items: string[];
  message: string;
  keepUntil: string;
  _api?: string;
}

function AskPreservationForm({ incident, onClose }: { incident: Incident; onClose: () => void }) {
  const suggested = useSuggestedPreserveItems(incident.id, true);
  const request = useRequestPreservation(incident);
  const form = useForm<Values>({
    initialValues: { items: [], message: '', keepUntil: '' },
    validate: { items: (list) => (list.length === 0 ? 'Add at least one item' : null) },
  });
  const loaded = suggested.data;
  // Prefilled once, when the suggestion arrives; from then on the list is the user's.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the arrival of the suggestion fills the list
  useEffect(() => {
    if (loaded && form.getValues().items.length === 0) form.setFieldValue('items', [...loaded.items]);
  }, [loaded]);

  const items = form.getValues().items;
  const submit = form.onSubmit((values) => {
    const empty = values.items.findIndex((item) => !item.trim());
    if (empty !== -1) {
      form.setFieldError(`items.${empty}`, 'Write what to preserve, or remove this item');
      return;
    }
    request.mutate(
      {
        items: values.items.map((item) => item.trim()),
        message: values.message.trim() || undefined,
        keepUntil: values.keepUntil || undefined,
      },
      {
        onSuccess: (sent) => {
          notifySuccess(
            `${sent.items.length} item${sent.items.length === 1 ? '' : 's'} sent up the customer’s notify-customer ladder.`,
            'Sent to the customer',
          );
          onClose();
        },
        onError: (error) => showApiError(form, error),
      },
    );
  }, focusFirstInvalid);

  if (suggested.isPending) {
    return (
      <Group gap="xs" aria-busy aria-label="Loading what to preserve">
        <Loader size="sm" /> <Text size="sm">Loading what the playbooks say to preserve…</Text>
      </Group>
    );
  }
  const from = loaded?.from ?? [];
  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Ask the customer to preserve evidence">
      <Stack gap="md">
        <Text size="sm">
          The list goes to the customer’s contact point up their notify-customer PACE ladder, with a link where they confirm each
          item — preserved, and where it is kept, or why they cannot — without an account. Every answer is recorded in the
          request’s chain of custody.
        </Text>
        <Text size="xs" c="dimmed">
          {from.length
            ? `Suggested by the playbook${from.length === 1 ? '' : 's'} ${from.join(', ')}. Add, remove or reword items as needed.`
            : 'A general list: no playbook of this incident says what to preserve. Add, remove or reword items as needed.'}
        </Text>
        <Stack gap={6} role="list" aria-label="Items to preserve">
          {items.map((_, i) => (
            <Group key={form.key(`items.${i}`)} gap={6} wrap="nowrap" align="flex-start" role="listitem">
              <Textarea
                style={{ flex: 1 }}
                autosize
                minRows={1}
                maxRows={4}
                aria-label={`Item ${i + 1}`}
                maxLength={PRESERVE_ITEM_MAX}
                data-autofocus={i === 0 || undefined}
                {...form.getInputProps(`items.${i}`)}
                key={form.key(`items.${i}`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`Remove item ${i + 1}`}
                onClick={() => form.removeListItem('items', i)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          {typeof form.errors.items === 'string' && (
            <Text size="xs" c="red">
              {form.errors.items}
            </Text>
          )}
        </Stack>
        <Group>
          <Button
            variant="light"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            disabled={items.length >= MAX_PRESERVE_ITEMS}
            onClick={() => form.insertListItem('items', '')}
          >
            Add an item
          </Button>
        </Group>
        <TextInput
          type="date"
          label="Keep until"
          description="Optional: without a date, they keep it until you tell them it is no longer needed."
          {...form.getInputProps('keepUntil')}
        />
        <Textarea
          label="Opening words"
          description="Optional: what you want them to know first. Without it, a standard text explains why."
          autosize
          minRows={2}
          maxRows={8}
          maxLength={5000}
          {...form.getInputProps('message')}
        />
        <NotSavedAlert error={form.errors._api} />
        <FormActions submitLabel="Send to the customer" pending={request.isPending} onCancel={onClose} fromAnywhere />
      </Stack>
    </form>
  );
}
