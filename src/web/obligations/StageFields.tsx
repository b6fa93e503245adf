import { ActionIcon, Autocomplete, Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { type CustomObligationValues, newDeadline, ZERO_WINDOW } from './custom-obligation-values.ts';
import { DETERMINATION_SUGGESTIONS } from './TriggerConditionFields.tsx';

const UNIT_OPTIONS = [
  { value: 'minutes', label: 'minutes' },
  { value: 'hours', label: 'hours' },
  { value: 'days', label: 'days' },
  { value: 'months', label: 'months' },
];

interface StageFieldsProps {
  form: UseFormReturnType<CustomObligationValues>;
  index: number;
}

/** One reporting stage: its name, its deadlines (the earliest started one applies), and optional legal wording. */
export function StageFields({ form, index }: StageFieldsProps) {
  const path = `stages.${index}` as const;
  const stage = form.values.stages[index];
  const earlier = form.values.stages.slice(0, index);
  const fromOptions = [
    { value: 'aware', label: 'awareness' },
    { value: 'classified', label: 'classification (DP2)' },
    { value: 'determination', label: 'classification as …' },
    ...earlier.map((s, i) => ({ value: `stage:${s.key}`, label: `submitting “${s.name || `stage ${i + 1}`}”` })),
  ];
  const n = index + 1;

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="fieldset"
      style={{ margin: 0, minWidth: 0 }}
      aria-label={`Stage ${n} settings`}
    >
      <Stack gap="xs">
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={`Stage ${n}`}
            placeholder={index === 0 ? 'e.g. Early warning' : 'e.g. Final report'}
            withAsterisk
            style={{ flex: 1 }}
            {...form.getInputProps(`${path}.name`)}
          />
          {form.values.stages.length > 1 && (
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              mb={2}
              onClick={() => form.removeListItem('stages', index)}
              aria-label={`Remove stage ${n}`}
            >
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
        <Text size="sm" fw={500}>
          Due
        </Text>
        {stage.deadlines.map((deadline, j) => {
          const dpath = `${path}.deadlines.${j}` as const;
          // A rule saved before windows were required: say so before the save refuses it.
          const zero = deadline.amount !== '' && Number(deadline.amount) === 0 && !form.errors[`${dpath}.amount`];
          return (
            <Stack key={deadline.key} gap={2}>
              <Group gap="xs" align="flex-start" wrap="wrap">
                <Text size="sm" c="dimmed" w={90} mt={8} ta="right">
                  {j === 0 ? 'within' : 'and at most'}
                </Text>
                <NumberInput
                  aria-label={`Stage ${n}, deadline ${j + 1}: amount`}
                  min={1}
                  allowDecimal={false}
                  allowNegative={false}
                  w={90}
                  {...form.getInputProps(`${dpath}.amount`)}
                />
                <Select
                  aria-label={`Stage ${n}, deadline ${j + 1}: unit`}
                  data={UNIT_OPTIONS}
                  allowDeselect={false}
                  w={120}
                  {...form.getInputProps(`${dpath}.unit`)}
                />
                <Text size="sm" c="dimmed" mt={8}>
                  after
                </Text>
                <Select
                  aria-label={`Stage ${n}, deadline ${j + 1}: clock starts at`}
                  data={fromOptions}
                  allowDeselect={false}
                  w={240}
                  {...form.getInputProps(`${dpath}.from`)}
                />
                {deadline.from === 'determination' && (
                  <Autocomplete
                    aria-label={`Stage ${n}, deadline ${j + 1}: classification`}
                    placeholder="e.g. major"
                    data={DETERMINATION_SUGGESTIONS}
                    w={200}
                    {...form.getInputProps(`${dpath}.determination`)}
                  />
                )}
                {stage.deadlines.length > 1 && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    mt={4}
                    onClick={() => form.removeListItem(`${path}.deadlines`, j)}
                    aria-label={`Remove deadline ${j + 1} of stage ${n}`}
                  >
                    <IconX size={16} />
                  </ActionIcon>
                )}
              </Group>
              {zero && (
                <Text c="orange" size="xs" role="status">
                  {ZERO_WINDOW}
                </Text>
              )}
            </Stack>
          );
        })}
        {form.errors[`${path}.deadlines`] && (
          <Text c="red" size="xs">
            {form.errors[`${path}.deadlines`]}
          </Text>
        )}
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.insertListItem(`${path}.deadlines`, newDeadline())}
            disabled={stage.deadlines.length >= 5}
          >
            Add another deadline (the earliest applies)
          </Button>
        </Group>
        <TextInput
          label="Wording of the rule (optional)"
          description="Shown with the computed deadline, e.g. “without undue delay and within 72 hours”, or “immediately” (its window above is the time you allow)."
          {...form.getInputProps(`${path}.wording`)}
        />
      </Stack>
    </Paper>
  );
}
