import { randomId } from '@mantine/hooks';
import type { IncidentRole } from '../../shared/incident-vocabulary.ts';
import type { Playbook, PlaybookStep, StepDue, StepDueFrom } from '../../shared/prepare-types.ts';
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
  /** When its task falls due: '' for none, else this many units after the clock. */
  dueFrom: StepDueFrom | '';
  dueAmount: number | string;
  dueUnit: DueUnit;
}

export type DueUnit = 'minutes' | 'hours' | 'days';

export interface PlaybookFormValues {
  name: string;
  summary: string;
  categories: string[];
  /** What to ask the customer to preserve, one item a line. */
  preserve: string;
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
    dueFrom: '',
    dueAmount: 1,
    dueUnit: 'hours',
  };
}

/** A due offset as the form shows it: one amount in the largest unit that says it exactly. */
export function dueFields(due: StepDue | null | undefined): Pick<StepRow, 'dueFrom' | 'dueAmount' | 'dueUnit'> {
  if (!due) return { dueFrom: '', dueAmount: 1, dueUnit: 'hours' };
  const minutes = (due.after.days ?? 0) * 1440 + (due.after.hours ?? 0) * 60 + (due.after.minutes ?? 0);
  if (minutes > 0 && minutes % 1440 === 0) return { dueFrom: due.from, dueAmount: minutes / 1440, dueUnit: 'days' };
  if (minutes > 0 && minutes % 60 === 0) return { dueFrom: due.from, dueAmount: minutes / 60, dueUnit: 'hours' };
  return { dueFrom: due.from, dueAmount: minutes, dueUnit: 'minutes' };
}

/** The form's due fields as the API's offset; null when the step has none. */
export function stepDue(row: Pick<StepRow, 'dueFrom' | 'dueAmount' | 'dueUnit'>): StepDue | null {
  if (!row.dueFrom) return null;
  return { from: row.dueFrom, after: { [row.dueUnit]: Number(row.dueAmount) } };
}

/** The preserve field's lines as the API's list: trimmed, blank lines left out. */
export function preserveLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function toPlaybookForm(p: Pick<Playbook, 'name' | 'summary' | 'categories' | 'steps' | 'preserve'>): PlaybookFormValues {
  return {
    name: p.name,
    summary: p.summary,
    categories: [...p.categories],
    preserve: (p.preserve ?? []).join('\n'),
    steps: p.steps.map(({ due, ...s }) => ({
      ...s,
      key: s.id || randomId(),
      detail: s.detail ?? '',
      record: [...(s.record ?? [])],
      ...dueFields(due),
    })),
  };
}

function toSteps(rows: StepRow[]): (Omit<PlaybookStep, 'id'> & { id?: string })[] {
  return rows.map(({ key: _key, id, dueFrom, dueAmount, dueUnit, ...step }) => {
    const due = stepDue({ dueFrom, dueAmount, dueUnit });
    return {
      ...(id ? { id } : {}),
      ...step,
      title: step.title.trim(),
      detail: step.detail.trim(),
      record: step.record.map((r) => r.trim()).filter(Boolean),
      ...(due ? { due } : {}),
    };
  });
}

/** Only what changed, so a save never overwrites fields the user did not touch. */
export function playbookChanges(before: PlaybookFormValues, after: PlaybookFormValues): PlaybookChanges {
  const changes: PlaybookChanges = {};
  if (after.name.trim() !== before.name) changes.name = after.name.trim();
  if (after.summary.trim() !== before.summary) changes.summary = after.summary.trim();
  if (JSON.stringify(after.categories) !== JSON.stringify(before.categories)) changes.categories = after.categories;
  const preserve = preserveLines(after.preserve);
  if (JSON.stringify(preserve) !== JSON.stringify(preserveLines(before.preserve))) changes.preserve = preserve;
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
    const amount = Number(s.dueAmount);
    if (s.dueFrom && (!Number.isInteger(amount) || amount < 1)) errors[`steps.${i}.dueAmount`] = 'A whole number, 1 or more';
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
