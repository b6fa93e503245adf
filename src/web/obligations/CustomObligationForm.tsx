import { Alert, Button, Divider, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconPlus } from '@tabler/icons-react';
import { type Contact, type CustomerObligation, PACE_PURPOSE_LABELS, PACE_PURPOSES } from '../../shared/prepare-types.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { FormActions } from '../core/FormActions.tsx';
import { apiErrorPath } from '../core/form-errors.ts';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import {
  type CustomObligationValues,
  EMPTY_CUSTOM_OBLIGATION,
  formPathOfDefinitionError,
  fromCustomObligationForm,
  newCondition,
  newStage,
  toCustomObligationForm,
  validateCustomObligation,
} from './custom-obligation-values.ts';
import { useCreateObligation, useUpdateObligation } from './obligations-api.ts';
import { RecipientContactSelect } from './RecipientContactSelect.tsx';
import { StageFields } from './StageFields.tsx';
import { TextListInput } from './TextListInput.tsx';
import { TriggerConditionFields } from './TriggerConditionFields.tsx';

interface CustomObligationFormProps {
  customerId: string;
  contacts: readonly Contact[];
  /** The rule being changed; undefined for a new one. */
  existing?: CustomerObligation;
  onDone: () => void;
}

function SectionTitle({ children, hint }: { children: React.ReactNode; hint?: string }) {
  return (
    <div>
      <Title order={3} fz="md">
        {children}
      </Title>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </div>
  );
}

/** A reporting rule of the customer's own, as a form: source, trigger, stages with deadlines, delivery, content. */
export function CustomObligationForm({ customerId, contacts, existing, onDone }: CustomObligationFormProps) {
  const create = useCreateObligation();
  const update = useUpdateObligation();
  const save = existing ? update : create;
  const form = useForm<CustomObligationValues>({
    initialValues: existing
      ? toCustomObligationForm(existing.definition, existing.recipientContactId)
      : EMPTY_CUSTOM_OBLIGATION(),
    validate: validateCustomObligation,
  });

  const onError = (error: unknown) => {
    const path = formPathOfDefinitionError(apiErrorPath(error));
    if (path) {
      form.setFieldError(path, errorMessage(error));
      form.getInputNode(path)?.focus();
    }
  };

  const submit = form.onSubmit((values) => {
    const definition = fromCustomObligationForm(values);
    const onSuccess = () => {
      notifySuccess(existing ? 'The rule is saved.' : 'The rule is added and switched on.', definition.name);
      onDone();
    };
    if (existing) {
      update.mutate(
        {
          id: existing.id,
          definition: { ...definition, id: existing.definition.id },
          recipientContactId: values.recipientContactId,
          expectedVersion: existing.version,
        },
        { onSuccess, onError },
      );
    } else {
      create.mutate({ customerId, definition, recipientContactId: values.recipientContactId }, { onSuccess, onError });
    }
  }, focusFirstInvalid);

  const placed = save.isError && formPathOfDefinitionError(apiErrorPath(save.error)) !== null;

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
      <Stack gap="md">
        <SectionTitle>The rule</SectionTitle>
        <TextInput
          label="Name"
          placeholder="e.g. Contract: notify the ACME CISO within 2 hours of a data leak"
          withAsterisk
          data-autofocus
          {...form.getInputProps('name')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Citation"
            description="Where the rule comes from"
            placeholder="e.g. Contract § 12.3, or Data processing agreement art. 7"
            withAsterisk
            {...form.getInputProps('citation')}
          />
          <TextInput
            label="Link to the text (optional)"
            description="Shown as a link next to the citation"
            placeholder="https://"
            type="url"
            {...form.getInputProps('url')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Who must be told"
            description="In words, as the rule says it"
            placeholder="e.g. ACME’s CISO"
            {...form.getInputProps('recipient')}
          />
          <RecipientContactSelect
            label="Recipient contact"
            description="The contact whose channels deliver the report"
            contacts={contacts}
            {...form.getInputProps('recipientContactId')}
          />
        </SimpleGrid>

        <Divider />
        <SectionTitle hint="All conditions must hold. Without conditions the rule applies to every incident of this customer.">
          Applies when
        </SectionTitle>
        {form.values.trigger.length === 0 && (
          <Text size="sm" c="dimmed">
            Every incident.
          </Text>
        )}
        {form.values.trigger.map((row, index) => (
          <TriggerConditionFields key={row.key} form={form} index={index} />
        ))}
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.insertListItem('trigger', newCondition())}
            disabled={form.values.trigger.length >= 20}
          >
            Add a condition
          </Button>
        </Group>

        <Divider />
        <SectionTitle hint="In order: e.g. early warning, notification, final report. Each stage is due at the earliest of its deadlines whose clock has started.">
          Stages and deadlines
        </SectionTitle>
        {form.values.stages.map((stage, index) => (
          <StageFields key={stage.key} form={form} index={index} />
        ))}
        {form.errors.stages && (
          <Text c="red" size="sm">
            {form.errors.stages}
          </Text>
        )}
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.insertListItem('stages', newStage())}
            disabled={form.values.stages.length >= 10}
          >
            Add a stage
          </Button>
        </Group>

        <Divider />
        <SectionTitle>Delivery and content</SectionTitle>
        <Select
          label="PACE ladder used to deliver it"
          data={PACE_PURPOSES.map((p) => ({ value: p, label: PACE_PURPOSE_LABELS[p] }))}
          allowDeselect={false}
          maw={360}
          {...form.getInputProps('pacePurpose')}
        />
        <TextListInput
          label="The report must contain"
          description="One item per line. Enter adds the next item."
          itemName="item"
          placeholder="e.g. Number of people affected"
          value={form.values.requiredContent}
          onChange={(v) => form.setFieldValue('requiredContent', v)}
          error={form.errors.requiredContent}
        />

        {save.isError && !placed && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="The rule was not saved" role="alert">
            {isApiError(save.error, 'conflict')
              ? 'Someone else changed this rule while you were editing. Close the form to see their version, then make your change again.'
              : errorMessage(save.error)}
          </Alert>
        )}
        <FormActions onCancel={onDone} pending={save.isPending} submitLabel={existing ? 'Save rule' : 'Add rule'} />
      </Stack>
    </form>
  );
}
