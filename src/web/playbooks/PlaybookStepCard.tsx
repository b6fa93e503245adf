import {
  ActionIcon,
  Badge,
  Collapse,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconChevronDown, IconChevronRight, IconHandStop, IconTrash } from '@tabler/icons-react';
import { INCIDENT_ROLE_LABELS } from '../../shared/incident-vocabulary.ts';
import { STEP_DUE_FROM } from '../../shared/prepare-types.ts';
import { TextListInput } from '../obligations/TextListInput.tsx';
import { DUE_FROM_LABELS, dueWords } from '../tasks/task-labels.ts';
import { type PlaybookFormValues, stepDue } from './playbook-form-values.ts';
import { PHASE_LABELS, PLAYBOOK_PHASES, ROLE_OPTIONS } from './playbook-labels.ts';

interface PlaybookStepCardProps {
  form: UseFormReturnType<PlaybookFormValues>;
  index: number;
  /** Position within its phase, from 1. */
  number: number;
  isFirst: boolean;
  isLast: boolean;
  expanded: boolean;
  onToggle: () => void;
  onMove: (direction: -1 | 1) => void;
  onRemove: () => void;
}

/** One step: a summary line that opens into its fields. */
export function PlaybookStepCard({
  form,
  index,
  number,
  isFirst,
  isLast,
  expanded,
  onToggle,
  onMove,
  onRemove,
}: PlaybookStepCardProps) {
  const path = `steps.${index}` as const;
  const step = form.values.steps[index];
  const title = step.title.trim() || 'New step';
  const hasError = Object.keys(form.errors).some((k) => k.startsWith(`${path}.`));
  const panelId = `step-${step.key}-fields`;
  const due = stepDue(step);

  return (
    <Paper withBorder radius="md" p="xs" style={hasError ? { borderColor: 'var(--mantine-color-error)' } : undefined}>
      <Group gap="xs" wrap="nowrap">
        <UnstyledButton
          onClick={onToggle}
          aria-expanded={expanded}
          aria-controls={panelId}
          style={{ flex: 1, minWidth: 0 }}
          p={4}
        >
          <Group gap="xs" wrap="nowrap">
            {expanded ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
            <Text size="sm" c="dimmed" w={22} ta="right" style={{ flexShrink: 0 }}>
              {number}.
            </Text>
            <Text size="sm" fw={500} truncate="end" c={step.title.trim() ? undefined : 'dimmed'}>
              {title}
            </Text>
          </Group>
        </UnstyledButton>
        <Group gap={4} wrap="nowrap" visibleFrom="sm">
          {step.needsCustomerInstruction && (
            <Tooltip label="Waits for the customer’s instruction" withArrow>
              <Badge size="sm" color="orange" variant="light" leftSection={<IconHandStop size={12} />}>
                Waits for customer
              </Badge>
            </Tooltip>
          )}
          {due && (
            <Badge size="sm" variant="light" color="blue" tt="none">
              Due {dueWords(due)}
            </Badge>
          )}
          <Badge size="sm" variant="outline" color="gray" tt="none">
            {INCIDENT_ROLE_LABELS[step.role]}
          </Badge>
        </Group>
        <Group gap={0} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => onMove(-1)}
            disabled={isFirst}
            aria-label={`Move “${title}” up`}
          >
            <IconArrowUp size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => onMove(1)}
            disabled={isLast}
            aria-label={`Move “${title}” down`}
          >
            <IconArrowDown size={16} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={`Remove “${title}”`}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      </Group>
      <Collapse expanded={expanded} id={panelId}>
        <Stack gap="sm" p="xs" pt="sm">
          <TextInput
            label="What to do"
            placeholder="e.g. Isolate affected systems from the network"
            withAsterisk
            {...form.getInputProps(`${path}.title`)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Phase"
              data={PLAYBOOK_PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))}
              allowDeselect={false}
              {...form.getInputProps(`${path}.phase`)}
            />
            <Select
              label="Responsible role"
              data={ROLE_OPTIONS}
              allowDeselect={false}
              searchable
              {...form.getInputProps(`${path}.role`)}
            />
          </SimpleGrid>
          <Textarea
            label="How to do it"
            description="What to watch out for, in plain words. Markdown is supported."
            autosize
            minRows={3}
            maxRows={12}
            {...form.getInputProps(`${path}.detail`)}
          />
          <Switch
            label="Needs the customer’s instruction"
            description="The step acts on the customer’s systems or on their behalf: it stays blocked until the customer has answered."
            color="orange"
            {...form.getInputProps(`${path}.needsCustomerInstruction`, { type: 'checkbox' })}
          />
          <Group gap="xs" align="flex-end" wrap="wrap">
            <Select
              label="Due"
              data={[
                { value: '', label: 'No due time' },
                ...STEP_DUE_FROM.map((from) => ({ value: from, label: `after ${DUE_FROM_LABELS[from]}` })),
              ]}
              allowDeselect={false}
              w={{ base: '100%', sm: 320 }}
              {...form.getInputProps(`${path}.dueFrom`)}
            />
            {step.dueFrom && (
              <>
                <NumberInput
                  label="After"
                  min={1}
                  step={1}
                  allowDecimal={false}
                  w={100}
                  {...form.getInputProps(`${path}.dueAmount`)}
                />
                <Select
                  label="Unit"
                  data={[
                    { value: 'minutes', label: 'minutes' },
                    { value: 'hours', label: 'hours' },
                    { value: 'days', label: 'days' },
                  ]}
                  allowDeselect={false}
                  w={120}
                  {...form.getInputProps(`${path}.dueUnit`)}
                />
              </>
            )}
          </Group>
          <Text size="xs" c="dimmed" mt={-8}>
            When the playbook is applied, the step’s task falls due this long after its clock starts (awareness, DP1 or DP2), and
            its assignee is reminded then.
          </Text>
          <TextListInput
            label="What to record"
            description="What the responder writes down when doing the step. Enter adds the next item."
            itemName="record item"
            placeholder="e.g. time of isolation"
            value={step.record}
            onChange={(v) => form.setFieldValue(`${path}.record`, v)}
            maxItems={30}
          />
        </Stack>
      </Collapse>
    </Paper>
  );
}
