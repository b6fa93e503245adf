import {
  Alert,
  Button,
  Group,
  Kbd,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { userTimeZone } from '../core/time.ts';
import { IncidentCustomerFields, useHasCustomers } from '../customers/IncidentCustomerFields.tsx';
import { CategorySelect } from './CategorySelect.tsx';
import { ImpactInput } from './ImpactInput.tsx';
import {
  EMPTY_INCIDENT_FORM,
  formFieldFor,
  fromFormValues,
  type IncidentFormValues,
  incidentFormValidation,
} from './incident-form-values.ts';
import { ORIGIN_OPTIONS } from './incident-labels.ts';
import { useReportIncident } from './incidents-api.ts';
import { LocalDateTimeInput } from './LocalDateTimeInput.tsx';
import { PersonalDataInput } from './PersonalDataInput.tsx';
import { TlpSelect } from './TlpSelect.tsx';

function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Stack gap={2} mb="md">
        <Title order={2} fz="h4">
          {title}
        </Title>
        {hint && (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        )}
      </Stack>
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}

export function ReportIncidentPage() {
  useDocumentTitle('Report an incident — Muster');
  const navigate = useNavigate();
  const report = useReportIncident();
  // Once any customer exists, every incident belongs to one.
  const hasCustomers = useHasCustomers();
  const needsCustomer = useRef(false);
  needsCustomer.current = hasCustomers === true;
  const form = useForm<IncidentFormValues>({
    initialValues: EMPTY_INCIDENT_FORM,
    validate: {
      ...incidentFormValidation,
      customerId: (v) => (needsCustomer.current && !v ? 'Choose the customer this incident belongs to' : null),
    },
  });

  const submit = form.onSubmit((values) => {
    const { title, description, ...rest } = fromFormValues(values);
    report.mutate(
      { title, description, ...rest },
      {
        onSuccess: (incident) => {
          notifySuccess(`${incident.key} was reported`, 'Incident reported');
          navigate(`/incidents/${incident.key}`);
        },
        onError: (error) => {
          const field = isApiError(error) ? formFieldFor(error.field) : null;
          if (field) {
            form.setFieldError(field, errorMessage(error));
            form.getInputNode(field)?.focus();
          }
        },
      },
    );
  }, focusFirstInvalid);
  const unplacedError = report.isError && !(isApiError(report.error) && formFieldFor(report.error.field));

  return (
    <Stack maw={880} mx="auto" gap="lg">
      <div>
        <Title order={1} fz="h2">
          Report an incident
        </Title>
        <Text c="dimmed" size="sm">
          Report as soon as you suspect something. Only a title is needed now; the rest can be filled in during assessment.
        </Text>
      </div>
      <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
        <Stack gap="lg">
          <Section title="What happened">
            <TextInput
              label="Title"
              placeholder="e.g. Ransomware note on file server FS-02"
              required
              autoFocus
              {...form.getInputProps('title')}
            />
            <Textarea
              label="Description"
              description="What you saw, when and where, and what you have done so far. Markdown is supported."
              placeholder={
                '- Users report encrypted files on the finance share since 08:40\n- FS-02 was disconnected from the network at 09:05'
              }
              autosize
              minRows={5}
              maxRows={16}
              {...form.getInputProps('description')}
            />
          </Section>

          {(hasCustomers || form.errors.customerId) && (
            <Section title="Customer" hint="Whose incident this is, and which of their services it touches.">
              <IncidentCustomerFields
                customerId={form.values.customerId}
                serviceIds={form.values.serviceIds}
                onChange={(next) => form.setValues(next)}
                errors={{ customerId: form.errors.customerId, serviceIds: form.errors.serviceIds }}
                preselect
              />
            </Section>
          )}

          <Section title="Classification" hint="Optional now; needed before the response starts (DP2).">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <CategorySelect {...form.getInputProps('category')} />
              <Select
                label="Origin"
                description="What caused it, as far as you know"
                data={ORIGIN_OPTIONS}
                allowDeselect={false}
                {...form.getInputProps('origin')}
              />
            </SimpleGrid>
            <ImpactInput
              value={form.values.impact}
              onChange={(v) => form.setFieldValue('impact', v)}
              error={form.errors.impact}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TlpSelect {...form.getInputProps('tlp')} />
              <PersonalDataInput
                value={form.values.personalData}
                onChange={(v) => form.setFieldValue('personalData', v)}
                error={form.errors.personalData}
              />
            </SimpleGrid>
            <Switch
              label="This is an exercise"
              description="Exercise incidents are clearly marked everywhere and never counted in real metrics."
              color="grape"
              {...form.getInputProps('exercise', { type: 'checkbox' })}
            />
          </Section>

          <Section
            title="Times"
            hint={`In your time zone (${userTimeZone()}). Awareness defaults to now; it starts the reporting clocks.`}
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <LocalDateTimeInput label="Occurred" {...form.getInputProps('occurredAt')} />
              <LocalDateTimeInput label="Detected" {...form.getInputProps('detectedAt')} />
              <LocalDateTimeInput label="Became aware" {...form.getInputProps('awareAt')} />
            </SimpleGrid>
          </Section>

          {unplacedError && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle size={18} />}
              title="The incident was not reported"
              role="alert"
            >
              {errorMessage(report.error)}
            </Alert>
          )}

          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> reports from anywhere in the form
            </Text>
            <Group>
              <Button variant="default" component={Link} to="/">
                Cancel
              </Button>
              <Button type="submit" loading={report.isPending}>
                Report incident
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
