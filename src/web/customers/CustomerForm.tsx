import { Button, Checkbox, Group, Radio, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { ReactNode } from 'react';
import { SEVERITIES, type Severity } from '../../shared/incident-vocabulary.ts';
import {
  DEFAULT_FIRST_REPORT,
  FIRST_REPORT_LABELS,
  FIRST_REPORT_SETTINGS,
  type FirstReportSetting,
} from '../../shared/prepare-types.ts';
import { DEFAULT_REVIEW_SEVERITIES } from '../../shared/review-types.ts';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import type { CustomerFields } from './customers-api.ts';
import { TimeZoneSelect } from './TimeZoneSelect.tsx';

export const EMPTY_CUSTOMER: CustomerFields = {
  name: '',
  code: '',
  description: '',
  timeZone: 'UTC',
  firstReport: DEFAULT_FIRST_REPORT,
  reviewSeverities: [...DEFAULT_REVIEW_SEVERITIES],
};

/** The form's fields of a customer (one saved before the first report or review setting existed follows the default). */
export function customerFieldsOf(
  customer: Omit<CustomerFields, 'firstReport' | 'reviewSeverities'> & Partial<CustomerFields>,
): CustomerFields {
  const { name, code, description, timeZone, firstReport = DEFAULT_FIRST_REPORT } = customer;
  const reviewSeverities = customer.reviewSeverities ?? [...DEFAULT_REVIEW_SEVERITIES];
  // In the order of the scale, whatever order they were chosen in, so that comparing two versions is fair.
  return {
    name,
    code,
    description,
    timeZone,
    firstReport,
    reviewSeverities: SEVERITIES.filter((s) => reviewSeverities.includes(s)),
  };
}

const SEVERITY_WORDS: Record<Severity, string> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

/** What each choice does, under its label. */
const FIRST_REPORT_HELP: Record<FirstReportSetting, string> = {
  'on-report':
    'It goes up the customer’s notify ladder, with no click, as soon as a suspected attack is reported; any other incident’s at DP1.',
  'at-dp1': 'It goes up the customer’s notify ladder, with no click, when the incident is confirmed at DP1.',
  'by-hand': 'It is prepared as a draft at DP1; a responder checks it and sends it with one click.',
};

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

/** Name, code, description, time zone and first report setting of a customer: used to create one and to edit it. */
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
        <Radio.Group
          label="First report to the customer goes out by itself"
          description="It meets the “immediately” clock when it is delivered. Incidents follow the plan version in force when they were reported: publish the plan for a change to count."
          {...form.getInputProps('firstReport')}
        >
          <Stack gap="xs" mt="xs">
            {FIRST_REPORT_SETTINGS.map((setting) => (
              <Radio
                key={setting}
                value={setting}
                label={FIRST_REPORT_LABELS[setting]}
                description={FIRST_REPORT_HELP[setting]}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Checkbox.Group
          label="Incidents that need a post-incident review before they close"
          description="A completed review, or a waiver with a reason. Unticked severities may close without one. Publish the plan for a change to count."
          value={form.getValues().reviewSeverities}
          onChange={(value) =>
            form.setFieldValue(
              'reviewSeverities',
              SEVERITIES.filter((s) => value.includes(s)),
            )
          }
          error={form.errors.reviewSeverities}
        >
          <Group gap="md" mt="xs">
            {SEVERITIES.map((severity) => (
              <Checkbox key={severity} value={severity} label={SEVERITY_WORDS[severity]} />
            ))}
          </Group>
        </Checkbox.Group>
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
