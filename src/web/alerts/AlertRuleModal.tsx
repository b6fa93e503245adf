import { Chip, Group, Modal, NumberInput, Radio, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBuildingSkyscraper } from '@tabler/icons-react';
import { SEVERITIES } from '../../shared/incident-vocabulary.ts';
import type { AlertRule } from '../../shared/triage-types.ts';
import { FormActions } from '../core/FormActions.tsx';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { useCustomers } from '../customers/customers-api.ts';
import { SEVERITY_LABELS } from '../incidents/incident-labels.ts';
import { useAlertRuleActions, useAlertSources } from './alerts-api.ts';
import { EMPTY_RULE, parseLabel, type RuleFormValues, ruleToValues, valuesToBody } from './rule-form-values.ts';

interface AlertRuleModalProps {
  opened: boolean;
  onClose: () => void;
  /** The rule to edit; null for a new one. */
  rule: AlertRule | null;
}

/** Create or edit a grouping rule: which alerts it takes, how they group, and what happens to the group. */
export function AlertRuleModal({ opened, onClose, rule }: AlertRuleModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={rule ? `Edit rule “${rule.name}”` : 'New grouping rule'}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {opened && <RuleForm rule={rule} onClose={onClose} />}
    </Modal>
  );
}

function RuleForm({ rule, onClose }: { rule: AlertRule | null; onClose: () => void }) {
  const actions = useAlertRuleActions();
  const customers = useCustomers();
  const sources = useAlertSources();
  const form = useForm<RuleFormValues>({
    initialValues: rule ? ruleToValues(rule) : EMPTY_RULE,
    validate: {
      name: (v) => (v.trim() ? (v.length > 200 ? 'Keep the name to 200 characters or fewer' : null) : 'Name the rule'),
      labels: (v) => (v.every((entry) => parseLabel(entry)) ? null : 'Write each label as name=value'),
      windowMinutes: (v) =>
        Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 10_080 ? null : 'Between 1 minute and 7 days (10080)',
    },
  });
  const pending = actions.create.isPending || actions.update.isPending;
  const submit = form.onSubmit((values) => {
    const body = valuesToBody(values);
    const done = {
      onSuccess: () => {
        notifySuccess(`Alerts arriving from now on follow “${body.name}”.`, rule ? 'Rule saved' : 'Rule added');
        onClose();
      },
      onError: (error: unknown) => showApiError(form, error),
    };
    if (rule) actions.update.mutate({ id: rule.id, body }, done);
    else actions.create.mutate(body, done);
  }, focusFirstInvalid);

  return (
    <form
      onSubmit={submit}
      onKeyDown={submitOnModEnter}
      noValidate
      aria-label={rule ? 'Edit grouping rule' : 'New grouping rule'}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Name"
            placeholder="e.g. Critical alerts open an incident"
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Select
            label="Customer"
            placeholder="Every customer"
            clearable
            searchable
            data={(customers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            leftSection={<IconBuildingSkyscraper size={16} aria-hidden />}
            {...form.getInputProps('customerId')}
            value={form.values.customerId || null}
            onChange={(v) => form.setFieldValue('customerId', v ?? '')}
          />
        </SimpleGrid>

        <Stack gap={6}>
          <Text size="sm" fw={500}>
            Takes alerts that match all of
          </Text>
          <Chip.Group multiple {...form.getInputProps('severities')}>
            <Group gap="xs" role="group" aria-label="Severities (none chosen: any)">
              {SEVERITIES.map((s) => (
                <Chip key={s} value={s} size="sm">
                  {SEVERITY_LABELS[s]}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <Text size="xs" c="dimmed">
            Severities: none chosen means any severity.
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TagsInput
            label="Labels"
            description="name=value, each must hold (Enter after each)"
            placeholder="e.g. env=production"
            {...form.getInputProps('labels')}
          />
          <Select
            label="Source"
            placeholder="Any source"
            clearable
            data={(sources.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            {...form.getInputProps('sourceId')}
            value={form.values.sourceId || null}
            onChange={(v) => form.setFieldValue('sourceId', v ?? '')}
          />
        </SimpleGrid>

        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TagsInput
            label="Group by labels"
            description="Alerts of the same customer and service with equal values of these labels form one group"
            placeholder="e.g. alertname"
            splitChars={[',', ' ']}
            {...form.getInputProps('groupBy')}
          />
          <NumberInput
            label="Window (minutes)"
            description="An alert joins a group that saw an alert within this time"
            min={1}
            max={10_080}
            allowDecimal={false}
            {...form.getInputProps('windowMinutes')}
          />
        </SimpleGrid>

        <Radio.Group label="Then" {...form.getInputProps('action')}>
          <Stack gap={6} mt={6}>
            <Radio value="triage" label="Put the group in the triage queue" />
            <Radio value="open" label="Open an incident from the group at once" />
            <Radio value="attach" label="Attach the group to an open incident" />
          </Stack>
        </Radio.Group>
        {form.values.action === 'attach' && (
          <TextInput
            label="Incident"
            description="Its key, e.g. INC-2026-0042. Empty: the customer’s most recent open incident."
            ff="monospace"
            {...form.getInputProps('incident')}
          />
        )}
        <NotSavedAlert error={form.errors._api} />
        <FormActions submitLabel={rule ? 'Save rule' : 'Add rule'} pending={pending} onCancel={onClose} fromAnywhere />
      </Stack>
    </form>
  );
}
