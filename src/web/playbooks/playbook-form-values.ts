import { randomId } from '@mantine/hooks';
import type { IncidentRole } from '../../shared/incident-vocabulary.ts';
import type { Playbook, PlaybookStep } from '../../shared/prepare-types.ts';
import type { PlaybookPhase } from './playbook-labels.ts';
import type { PlaybookChanges } from './playbooks-api.ts';

export interface StepRow {
  /** Stable React key, also for steps not saved yet. */
  key: string;
  /** The stored id; empty for a new step (the server gives it one). */
  id: string;
  phase: PlaybookPhase;
  title: string;
  detail: string;
  role: IncidentRole;
  needsCustomerInstruction: boolean;
  record: string[];
}

export interface PlaybookFormValues {
  name: string;
  summary: string;
  categories: string[];
  /** In execution order; the editor shows them grouped by phase. */
  steps: StepRow[];
}

export function newStep(phase: PlaybookPhase): StepRow {
  return {
    key: randomId(),
    id: '',
    phase,
    title: '',
    detail: '',
    role: 'incident-manager',
    needsCustomerInstruction: false,
    record: [],
  };
}

export function toPlaybookForm(p: Pick<Playbook, 'name' | 'summary' | 'categories' | 'steps'>): PlaybookFormValues {
  return {
    name: p.name,
    summary: p.summary,
    categories: [...p.categories],
    steps: p.steps.map((s) => ({ ...s, key: s.id || randomId(), detail: s.detail ?? '', record: [...(s.record ?? [])] })),
  };
}

function toSteps(rows: StepRow[]): (Omit<PlaybookStep, 'id'> & { id?: string })[] {
  return rows.map(({ key: _key, id, ...step }) => ({
    ...(id ? { id } : {}),
    ...step,
    title: step.title.trim(),
    detail: step.detail.trim(),
    record: step.record.map((r) => r.trim()).filter(Boolean),
  }));
}

/** Only what changed, so a save never overwrites fields the user did not touch. */
export function playbookChanges(before: PlaybookFormValues, after: PlaybookFormValues): PlaybookChanges {
  const changes: PlaybookChanges = {};
  if (after.name.trim() !== before.name) changes.name = after.name.trim();
  if (after.summary.trim() !== before.summary) changes.summary = after.summary.trim();
  if (JSON.stringify(after.categories) !== JSON.stringify(before.categories)) changes.categories = after.categories;
  const steps = toSteps(after.steps);
  if (JSON.stringify(steps) !== JSON.stringify(toSteps(before.steps))) changes.steps = steps as PlaybookStep[];
  return changes;
}

export function validatePlaybookForm(values: PlaybookFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.name.trim()) errors.name = 'Give the playbook a name, e.g. "Ransomware"';
  if (values.steps.length === 0) errors.steps = 'A playbook needs at least one step';
  values.steps.forEach((s, i) => {
    if (!s.title.trim()) errors[`steps.${i}.title`] = 'Say what to do, e.g. "Isolate affected systems from the network"';
  });
  return errors;
}

/**
 * Moves a step up or down among the steps of its own phase (the order across phases is kept): it swaps with
 * the previous or next step of the same phase.
 */
export function moveWithinPhase(steps: StepRow[], index: number, direction: -1 | 1): StepRow[] {
  const phase = steps[index].phase;
  let other = index + direction;
  while (other >= 0 && other < steps.length && steps[other].phase !== phase) other += direction;
  if (other < 0 || other >= steps.length) return steps;
  const next = [...steps];
  [next[index], next[other]] = [next[other], next[index]];
  return next;
}
