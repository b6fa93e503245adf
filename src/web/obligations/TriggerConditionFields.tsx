import { ActionIcon, Autocomplete, Group, MultiSelect, SegmentedControl, Select, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconX } from '@tabler/icons-react';
import { ORIGIN_LABELS, ORIGINS, RSIT, SEVERITIES } from '../../shared/incident-vocabulary.ts';
import { CRITICALITIES } from '../../shared/prepare-types.ts';
import type { ConditionField, CustomObligationValues } from './custom-obligation-values.ts';
import { CRITICALITY_WORDS, SEVERITY_WORDS } from './obligation-words.ts';

const FIELD_OPTIONS: { value: ConditionField; label: string }[] = [
  { value: 'severity', label: 'Severity is at least' },
  { value: 'personalData', label: 'Personal data involved' },
  { value: 'category', label: 'Category is one of' },
  { value: 'origin', label: 'Origin is one of' },
  { value: 'serviceCriticality', label: 'An affected service’s criticality is at least' },
  { value: 'determination', label: 'The incident is classified as' },
];

const CATEGORY_DATA = Object.entries(RSIT).map(([cls, { label, types }]) => ({
  group: label,
  items: Object.entries(types).map(([type, typeLabel]) => ({ value: `${cls}/${type}`, label: `${label} › ${typeLabel}` })),
}));

export const DETERMINATION_SUGGESTIONS = ['major', 'significant', 'high-risk-to-data-subjects'];

interface TriggerConditionFieldsProps {
  form: UseFormReturnType<CustomObligationValues>;
  index: number;
}

/** One condition of a trigger: a field and the value it must have. */
export function TriggerConditionFields({ form, index }: TriggerConditionFieldsProps) {
  const path = `trigger.${index}` as const;
  const row = form.values.trigger[index];
  const n = index + 1;

  let value: React.ReactNode;
  switch (row.field) {
    case 'personalData':
      value = (
        <SegmentedControl
          aria-label={`Condition ${n}: personal data`}
          value={row.equals ? 'yes' : 'no'}
          onChange={(v) => form.setFieldValue(`${path}.equals`, v === 'yes')}
          data={[
            { value: 'yes', label: 'Yes, involved' },
            { value: 'no', label: 'No personal data' },
          ]}
        />
      );
      break;
    case 'severity':
      value = (
        <Select
          aria-label={`Condition ${n}: lowest severity`}
          data={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_WORDS[s] }))}
          allowDeselect={false}
          w={180}
          {...form.getInputProps(`${path}.atLeast`)}
        />
      );
      break;
    case 'serviceCriticality':
      value = (
        <Select
          aria-label={`Condition ${n}: lowest criticality`}
          data={CRITICALITIES.map((c) => ({ value: c, label: CRITICALITY_WORDS[c] }))}
          allowDeselect={false}
          w={180}
          {...form.getInputProps(`${path}.criticality`)}
        />
      );
      break;
    case 'category':
      value = (
        <MultiSelect
          aria-label={`Condition ${n}: categories`}
          placeholder="Choose categories"
          data={CATEGORY_DATA}
          searchable
          style={{ flex: 1, minWidth: 240 }}
          nothingFoundMessage="No category matches"
          {...form.getInputProps(`${path}.categories`)}
        />
      );
      break;
    case 'origin':
      value = (
        <MultiSelect
          aria-label={`Condition ${n}: origins`}
          data={ORIGINS.map((o) => ({ value: o, label: ORIGIN_LABELS[o] }))}
          style={{ flex: 1, minWidth: 240 }}
          {...form.getInputProps(`${path}.origins`)}
        />
      );
      break;
    case 'determination':
      value = (
        <Autocomplete
          aria-label={`Condition ${n}: classification`}
          placeholder="e.g. major"
          data={DETERMINATION_SUGGESTIONS}
          style={{ flex: 1, minWidth: 200 }}
          {...form.getInputProps(`${path}.made`)}
        />
      );
      break;
  }

  return (
    <Group gap="xs" align="flex-start" wrap="wrap">
      <Text size="sm" c="dimmed" w={36} mt={8} ta="right">
        {index === 0 ? 'When' : 'and'}
      </Text>
      <Select
        aria-label={`Condition ${n}: what is checked`}
        data={FIELD_OPTIONS}
        allowDeselect={false}
        w={300}
        value={row.field}
        onChange={(v) => v && form.setFieldValue(`${path}.field`, v as ConditionField)}
      />
      {value}
      <ActionIcon
        variant="subtle"
        color="gray"
        mt={4}
        onClick={() => form.removeListItem('trigger', index)}
        aria-label={`Remove condition ${n}`}
      >
        <IconX size={16} />
      </ActionIcon>
    </Group>
  );
}
