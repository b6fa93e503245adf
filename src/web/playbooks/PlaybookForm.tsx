import { Alert, Badge, Button, Group, Kbd, MultiSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { RSIT } from '../../shared/incident-vocabulary.ts';
import type { Playbook } from '../../shared/prepare-types.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { apiErrorPath } from '../core/form-errors.ts';
import { notifySuccess } from '../core/notify.ts';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
import { PlaybookStepCard } from './PlaybookStepCard.tsx';
import {
  moveWithinPhase,
  newStep,
  type PlaybookFormValues,
  playbookChanges,
  toPlaybookForm,
  validatePlaybookForm,
} from './playbook-form-values.ts';
import { PHASE_COLORS, PHASE_LABELS, PLAYBOOK_PHASES, type PlaybookPhase, playbookCategoryLabel } from './playbook-labels.ts';
import { useUpdatePlaybook } from './playbooks-api.ts';

const CATEGORY_DATA = Object.entries(RSIT).map(([cls, { label, types }]) => ({
  group: label,
  items: Object.entries(types).map(([type, typeLabel]) => ({ value: `${cls}/${type}`, label: `${label} › ${typeLabel}` })),
}));

interface PlaybookFormProps {
  /** The newest stored version (it may move on while the form is open: someone else saved). */
  playbook: Playbook;
}

/** The playbook as a form: name, summary, categories, and its steps grouped by phase. */
export function PlaybookForm({ playbook }: PlaybookFormProps) {
  const update = useUpdatePlaybook();
  // What the form was opened at: changes are computed against it and saved with its version, so a save never
  // silently overwrites someone else's newer version.
  const [base, setBase] = useState(() => ({ values: toPlaybookForm(playbook), version: playbook.version }));
  const form = useForm<PlaybookFormValues>({ initialValues: base.values, validate: validatePlaybookForm });
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const dirty = form.isDirty();
  const newer = playbook.version > base.version;

  const loadNewest = () => {
    const values = toPlaybookForm(playbook);
    setBase({ values, version: playbook.version });
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    update.reset();
  };

  // Someone else saved while the form is untouched: just show their version.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a newer stored version should trigger this
  useEffect(() => {
    if (newer && !dirty) loadNewest();
  }, [playbook.version]);

  // Whole-class categories ("malicious-code") come from the library; keep them choosable so they can be kept.
  const extraCategories = form.values.categories.filter((c) => !c.includes('/'));
  const categoryData = extraCategories.length
    ? [
        { group: 'Whole classes', items: extraCategories.map((c) => ({ value: c, label: playbookCategoryLabel(c) })) },
        ...CATEGORY_DATA,
      ]
    : CATEGORY_DATA;

  const toggle = (key: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const addStep = (phase: PlaybookPhase) => {
    const step = newStep(phase);
    form.insertListItem('steps', step);
    setExpanded((prev) => new Set(prev).add(step.key));
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`#step-${step.key}-fields input`)?.focus());
  };

  const submit = form.onSubmit(
    (values) => {
      const changes = playbookChanges(base.values, values);
      if (Object.keys(changes).length === 0) {
        notifySuccess('Nothing has changed.');
        return;
      }
      update.mutate(
        { id: playbook.id, changes, expectedVersion: base.version },
        {
          onSuccess: (saved) => {
            notifySuccess(`Saved as version ${saved.version}.`, saved.name);
            setBase({ values, version: saved.version });
            form.setInitialValues(values);
            form.resetDirty(values);
          },
          onError: (error) => {
            const path = apiErrorPath(error);
            if (!path) return;
            const step = path.match(/^steps\.(\d+)\./);
            if (step) setExpanded((prev) => new Set(prev).add(values.steps[Number(step[1])]?.key ?? ''));
            if (path.startsWith('categories')) {
              form.setFieldError(
                'categories',
                'Only specific categories (class › type) can be saved: remove the “(any type)” entries and choose their types instead.',
              );
            } else form.setFieldError(path, errorMessage(error));
          },
        },
      );
    },
    (errors) => {
      // Open every step with a problem, then put the cursor in the first invalid field.
      const keys = Object.keys(errors)
        .map((k) => k.match(/^steps\.(\d+)\./)?.[1])
        .filter((i): i is string => i !== undefined)
        .map((i) => form.values.steps[Number(i)].key);
      setExpanded((prev) => new Set([...prev, ...keys]));
      setTimeout(() => document.querySelector<HTMLElement>('[data-playbook-form] [aria-invalid="true"]')?.focus(), 250);
    },
  );

  const conflict = isApiError(update.error, 'conflict');
  const path = apiErrorPath(update.error);
  const placed = path !== null && !conflict && path !== 'expectedVersion';

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate data-playbook-form>
      <Stack gap="md">
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="playbook-about-title">
          <Title order={2} fz="h4" mb="sm" id="playbook-about-title">
            About
          </Title>
          <Stack gap="sm">
            <TextInput label="Name" withAsterisk {...form.getInputProps('name')} />
            <Textarea
              label="Summary"
              description="When to use this playbook and what it aims for"
              autosize
              minRows={2}
              maxRows={8}
              {...form.getInputProps('summary')}
            />
            <MultiSelect
              label="Categories"
              description="ENISA RSIT categories this playbook fits: it is suggested on incidents with these categories"
              data={categoryData}
              searchable
              clearable
              nothingFoundMessage="No category matches"
              maxDropdownHeight={320}
              {...form.getInputProps('categories')}
            />
            <Textarea
              label="What to ask the customer to preserve"
              description="One item a line (logs, disk and memory images, mailboxes…): a preservation request on an incident this playbook is applied to starts with this list"
              autosize
              minRows={2}
              maxRows={10}
              {...form.getInputProps('preserve')}
            />
          </Stack>
        </Paper>

        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="playbook-steps-title">
          <Group justify="space-between" mb="xs">
            <Title order={2} fz="h4" id="playbook-steps-title">
              Steps
            </Title>
            <Group gap="xs">
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={() => setExpanded(new Set(form.values.steps.map((s) => s.key)))}
              >
                Open all
              </Button>
              <Button size="compact-sm" variant="subtle" onClick={() => setExpanded(new Set())}>
                Close all
              </Button>
            </Group>
          </Group>
          <Text size="sm" c="dimmed" mb="md">
            Grouped by phase. Up and down move a step within its phase; changing its phase moves it to that group.
          </Text>
          {form.errors.steps && (
            <Text c="red" size="sm" mb="sm" role="alert">
              {form.errors.steps}
            </Text>
          )}
          <Stack gap="lg">
            {PLAYBOOK_PHASES.map((phase) => {
              const indexes = form.values.steps.flatMap((s, i) => (s.phase === phase ? [i] : []));
              return (
                <Stack key={phase} gap="xs" component="section" aria-label={`${PHASE_LABELS[phase]} steps`}>
                  <Group gap="xs">
                    <Badge color={PHASE_COLORS[phase]} variant="light" size="lg">
                      {PHASE_LABELS[phase]}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {indexes.length} step{indexes.length === 1 ? '' : 's'}
                    </Text>
                  </Group>
                  {indexes.map((index, n) => {
                    const step = form.values.steps[index];
                    return (
                      <PlaybookStepCard
                        key={step.key}
                        form={form}
                        index={index}
                        number={n + 1}
                        isFirst={n === 0}
                        isLast={n === indexes.length - 1}
                        expanded={expanded.has(step.key)}
                        onToggle={() => toggle(step.key)}
                        onMove={(direction) => form.setFieldValue('steps', moveWithinPhase(form.values.steps, index, direction))}
                        onRemove={() => form.removeListItem('steps', index)}
                      />
                    );
                  })}
                  <Group>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      leftSection={<IconPlus size={14} />}
                      onClick={() => addStep(phase)}
                    >
                      Add a step to {PHASE_LABELS[phase].toLowerCase()}
                    </Button>
                  </Group>
                </Stack>
              );
            })}
          </Stack>
        </Paper>

        <Paper
          withBorder
          radius="md"
          p="sm"
          style={{ position: 'sticky', bottom: 8, zIndex: 5, background: 'var(--mantine-color-body)' }}
        >
          {/* In the sticky bar, so the reason a save failed is seen wherever the user is in a long playbook. */}
          {(conflict || (newer && dirty)) && (
            <Alert
              color="orange"
              variant="light"
              icon={<IconAlertCircle size={18} />}
              title={`Someone else saved version ${Math.max(playbook.version, base.version + 1)} meanwhile`}
              role="alert"
              mb="sm"
            >
              <Stack gap="xs">
                <Text size="sm">
                  Your changes are made on version {base.version}, so saving them would overwrite theirs and is refused. Load the
                  newest version (your unsaved changes are lost) and make your change again.
                </Text>
                <Group>
                  <Button size="xs" color="orange" onClick={loadNewest}>
                    Load the newest version
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          {update.isError && !placed && !conflict && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle size={18} />}
              title="The playbook was not saved"
              role="alert"
              mb="sm"
            >
              {errorMessage(update.error)}
            </Alert>
          )}
          <Group justify="space-between">
            <Text size="sm" c={dirty ? 'orange' : 'dimmed'}>
              {dirty ? 'Unsaved changes' : `Version ${base.version}, saved`}{' '}
              <Text span size="xs" c="dimmed">
                · <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> saves
              </Text>
            </Text>
            <Group gap="xs">
              <Button variant="default" disabled={!dirty} onClick={() => form.reset()}>
                Discard changes
              </Button>
              <Button type="submit" loading={update.isPending} disabled={!dirty}>
                Save as version {base.version + 1}
              </Button>
            </Group>
          </Group>
        </Paper>
      </Stack>
    </form>
  );
}
