import { Alert, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconFileCertificate } from '@tabler/icons-react';
import { SEVERITIES, type Severity } from '../../shared/incident-vocabulary.ts';
import type { Contact } from '../../shared/prepare-types.ts';
import { errorMessage } from '../core/error-message.ts';
import { apiErrorPath } from '../core/form-errors.ts';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid } from '../core/submit-shortcut.ts';
import { SEVERITY_WORDS } from './obligation-words.ts';
import { useContractTemplate } from './obligations-api.ts';
import { RecipientContactSelect } from './RecipientContactSelect.tsx';

interface ContractTemplateValues {
  hours: number | string;
  immediatelyMinutes: number | string;
  severityAtLeast: Severity;
  recipientContactId: string | null;
}

interface ContractTemplateFormProps {
  customerId: string;
  contacts: readonly Contact[];
  /** The contract rules already exist: creating them again would add a second pair. */
  alreadySetUp: boolean;
}

/** "Notify the customer within N hours, and immediately on a suspected attack": two rules in one go. */
export function ContractTemplateForm({ customerId, contacts, alreadySetUp }: ContractTemplateFormProps) {
  const template = useContractTemplate();
  const form = useForm<ContractTemplateValues>({
    initialValues: { hours: 24, immediatelyMinutes: 60, severityAtLeast: 'medium', recipientContactId: null },
    validate: {
      hours: (v) => {
        const n = Number(v);
        return v === '' || !Number.isInteger(n) || n < 1 || n > 720 ? 'Enter whole hours between 1 and 720 (30 days)' : null;
      },
      immediatelyMinutes: (v) => {
        const n = Number(v);
        return v === '' || !Number.isInteger(n) || n < 1 || n > 1440
          ? 'Enter whole minutes between 1 and 1440 (a day): the time “immediately” allows'
          : null;
      },
    },
  });

  const submit = form.onSubmit((values) => {
    template.mutate(
      {
        customerId,
        hours: Number(values.hours),
        immediatelyMinutes: Number(values.immediatelyMinutes),
        severityAtLeast: values.severityAtLeast,
        recipientContactId: values.recipientContactId,
      },
      {
        onSuccess: ({ items }) => {
          notifySuccess(`${items.length} contract rules are switched on for this customer.`, 'Contract template applied');
          form.reset();
        },
        onError: (error) => {
          const path = apiErrorPath(error);
          if (path && path in form.values) form.setFieldError(path, errorMessage(error));
        },
      },
    );
  }, focusFirstInvalid);
  const placed = (() => {
    const path = apiErrorPath(template.error);
    return path !== null && path in form.values;
  })();

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="contract-template-title">
      <Group gap="xs" mb={4}>
        <IconFileCertificate size={20} aria-hidden />
        <Title order={3} fz="h4" id="contract-template-title">
          Contract template
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        Most contracts say “notify us within N hours”. This adds two rules for the customer: notify within the hours you set (for
        incidents at or above a severity), and notify <b>immediately</b> on a suspected attack — within the minutes you set, met
        when the first report to the customer is delivered.
      </Text>
      {alreadySetUp && (
        <Alert color="yellow" variant="light" mb="md" p="xs">
          Contract rules are already set up below. Applying the template again adds another pair; change or remove the existing
          rules instead if the contract changed.
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <NumberInput
              label="Notify within (hours)"
              min={1}
              max={720}
              allowDecimal={false}
              allowNegative={false}
              withAsterisk
              {...form.getInputProps('hours')}
            />
            <NumberInput
              label="“Immediately” (minutes)"
              min={1}
              max={1440}
              allowDecimal={false}
              allowNegative={false}
              withAsterisk
              {...form.getInputProps('immediatelyMinutes')}
            />
            <Select
              label="For incidents of severity"
              data={SEVERITIES.map((s) => ({
                value: s,
                label: s === 'critical' ? 'Critical' : `${SEVERITY_WORDS[s]} or higher`,
              }))}
              allowDeselect={false}
              {...form.getInputProps('severityAtLeast')}
            />
            <RecipientContactSelect label="Recipient contact" contacts={contacts} {...form.getInputProps('recipientContactId')} />
          </SimpleGrid>
          {template.isError && !placed && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle size={18} />}
              role="alert"
              title="The template was not applied"
            >
              {errorMessage(template.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={template.isPending}>
              Add the contract rules
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
