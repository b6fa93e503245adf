import { Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import type { CustomerFields } from './customers-api.ts';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';

export const EMPTY_CUSTOMER: CustomerFields = { name: '', code: '', description: '', timeZone: 'UTC' };

export function customerFieldsOf(customer: CustomerFields): CustomerFields {
  const { name, code, description, timeZone } = customer;
  return { name, code, description, timeZone };
}

interface CustomerFormProps {
  initialValues: CustomerFields;
  submitLabel: string;
  pending: boolean;
  /** Resolves when saved; rejects with the API error, which the form shows next to its field. */
  onSubmit: (values: CustomerFields) => Promise<unknown>;
  onCancel?: () => void;
  /** Shown above the buttons (e.g. "changed while you were editing"). */
  notice?: ReactNode;
  disableSubmit?: boolean;
  /** Focus the name when the form appears (in a dialog). */
  autoFocus?: boolean;
}

/** Name, code, description and time zone of a customer: used to create one and to edit it. */
export function CustomerForm(props: CustomerFormProps) {
  const { initialValues, submitLabel, pending, onSubmit, onCancel, notice, disableSubmit, autoFocus } = props;
  const form = useForm<CustomerFields>({
    initialValues,
    validate: {
      name: (v) => (v.trim() ? (v.length > 200 ? 'Keep the name to 200 characters or fewer' : null) : 'Give the customer a name'),
      code: (v) => (v.trim().length > 20 ? 'Keep the code to 20 characters or fewer' : null),
      timeZone: (v) => (v ? null : 'Choose the time zone of the customer’s contact points'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    try {
      await onSubmit({ ...values, name: values.name.trim(), code: values.code.trim() });
      form.resetDirty(values);
    } catch (error) {
      showApiError(form, error);
    }
  }, focusFirstInvalid);

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Name"
            placeholder="e.g. ACME Logistics AS"
            required
            data-autofocus={autoFocus || undefined}
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Code"
            description="Short, shown in lists and on the printed plan"
            placeholder="e.g. ACME"
            {...form.getInputProps('code')}
            onChange={(e) => form.setFieldValue('code', e.currentTarget.value.toUpperCase())}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          description="What we deliver to them, and anything a responder should know first"
          autosize
          minRows={2}
          maxRows={8}
          {...form.getInputProps('description')}
        />
        <TimeZoneSelect
          description="Where the customer’s contact points are: deadlines and the printed plan use it"
          {...form.getInputProps('timeZone')}
        />
        {notice}
        <NotSavedAlert error={form.errors._api} />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={pending} disabled={disableSubmit}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
