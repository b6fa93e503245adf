import { randomId } from '@mantine/hooks';
import type { Origin, Severity } from '../../shared/incident-vocabulary.ts';
import type {
  Criticality,
  ObligationCondition,
  ObligationDefinition,
  ObligationDuration,
  PacePurpose,
} from '../../shared/prepare-types.ts';
import type { NewDefinition } from './obligations-api.ts';

/** The form behind a rule of the customer's own, and its translation to and from the API's definition. */

export type ConditionField = ObligationCondition['field'];
export type DurationUnit = 'minutes' | 'hours' | 'days' | 'months';

export interface ConditionRow {
  key: string;
  field: ConditionField;
  equals: boolean;
  atLeast: Severity;
  criticality: Criticality;
  categories: string[];
  origins: Origin[];
  made: string;
}

export interface DeadlineRow {
  key: string;
  /** "aware", "classified", "determination", or "stage:<row key of an earlier stage>". */
  from: string;
  determination: string;
  amount: number | string;
  unit: DurationUnit;
}

export interface StageRow {
  key: string;
  /** The stored id when editing an existing rule (kept so references and submissions stay valid). */
  id: string;
  name: string;
  wording: string;
  deadlines: DeadlineRow[];
}

export interface CustomObligationValues {
  name: string;
  citation: string;
  url: string;
  recipient: string;
  recipientContactId: string | null;
  pacePurpose: PacePurpose;
  trigger: ConditionRow[];
  stages: StageRow[];
  requiredContent: string[];
}

export function newCondition(field: ConditionField = 'severity'): ConditionRow {
  return {
    key: randomId(),
    field,
    equals: true,
    atLeast: 'high',
    criticality: 'high',
    categories: [],
    origins: ['attack'],
    made: '',
  };
}

export function newDeadline(): DeadlineRow {
  return { key: randomId(), from: 'aware', determination: '', amount: 24, unit: 'hours' };
}

export function newStage(name = ''): StageRow {
  return { key: randomId(), id: '', name, wording: '', deadlines: [newDeadline()] };
}

export const EMPTY_CUSTOM_OBLIGATION: () => CustomObligationValues = () => ({
  name: '',
  citation: '',
  url: '',
  recipient: '',
  recipientContactId: null,
  pacePurpose: 'notify-customer',
  trigger: [],
  stages: [newStage('Notification')],
  requiredContent: ['What happened and when', 'Affected services', 'What we propose to do'],
});

/** Why a deadline needs a window: one of zero length is missed the moment its clock starts. */
export const ZERO_WINDOW =
  'A whole number above 0: a zero window is missed the moment its clock starts. For “immediately”, give the time you allow, e.g. 60 minutes';

function fromDuration(after: ObligationDuration): { amount: number; unit: DurationUnit } {
  const units = (['months', 'days', 'hours', 'minutes'] as const).filter((u) => after[u]);
  // A rule saved before windows were required: shown as 0 minutes, to be given its window.
  if (units.length === 0) return { amount: 0, unit: 'minutes' };
  if (units.length === 1) return { amount: after[units[0]] ?? 0, unit: units[0] };
  // Mixed units (rare): express in the smallest one used; months do not convert and are kept alone.
  if (after.months) return { amount: after.months, unit: 'months' };
  const minutes = (after.days ?? 0) * 1440 + (after.hours ?? 0) * 60 + (after.minutes ?? 0);
  return minutes % 60 === 0 ? { amount: minutes / 60, unit: 'hours' } : { amount: minutes, unit: 'minutes' };
}

function toConditionRow(condition: ObligationCondition): ConditionRow {
  const row = newCondition(condition.field);
  switch (condition.field) {
    case 'personalData':
      return { ...row, equals: condition.equals };
    case 'severity':
      return { ...row, atLeast: condition.atLeast };
    case 'serviceCriticality':
      return { ...row, criticality: condition.atLeast };
    case 'category':
      return { ...row, categories: condition.in };
    case 'origin':
      return { ...row, origins: condition.in };
    case 'determination':
      return { ...row, made: condition.made };
  }
}

/** An existing rule as form values. */
export function toCustomObligationForm(
  definition: ObligationDefinition,
  recipientContactId: string | null,
): CustomObligationValues {
  const stages: StageRow[] = definition.stages.map((s) => ({ ...newStage(s.name), id: s.id, wording: s.wording ?? '' }));
  const keyOfStage = new Map(stages.map((s) => [s.id, s.key]));
  definition.stages.forEach((s, i) => {
    stages[i].deadlines = s.deadlines.map((d) => {
      const { amount, unit } = fromDuration(d.after);
      let from = d.from;
      let determination = '';
      if (from.startsWith('determination:')) {
        determination = from.slice('determination:'.length);
        from = 'determination';
      } else if (from.startsWith('stage:')) {
        from = `stage:${keyOfStage.get(from.slice('stage:'.length)) ?? ''}`;
      }
      return { key: randomId(), from, determination, amount, unit };
    });
  });
  return {
    name: definition.name,
    citation: definition.source.citation,
    url: definition.source.url ?? '',
    recipient: definition.recipient,
    recipientContactId,
    pacePurpose: definition.pacePurpose,
    trigger: definition.trigger.map(toConditionRow),
    stages,
    requiredContent: [...definition.requiredContent],
  };
}

function toCondition(row: ConditionRow): ObligationCondition {
  switch (row.field) {
    case 'personalData':
      return { field: 'personalData', equals: row.equals };
    case 'severity':
      return { field: 'severity', atLeast: row.atLeast };
    case 'serviceCriticality':
      return { field: 'serviceCriticality', atLeast: row.criticality };
    case 'category':
      return { field: 'category', in: row.categories };
    case 'origin':
      return { field: 'origin', in: row.origins };
    case 'determination':
      return { field: 'determination', made: slugWord(row.made) };
  }
}

/** "Major incident" → "major-incident": determinations are named like ids. */
export function slugWord(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Form values as the definition the API stores. */
export function fromCustomObligationForm(values: CustomObligationValues): NewDefinition {
  const used = new Set<string>();
  const idOf = new Map<string, string>();
  values.stages.forEach((stage, i) => {
    let id = stage.id || slugWord(stage.name) || `stage-${i + 1}`;
    while (used.has(id)) id = `${id}-${i + 1}`;
    used.add(id);
    idOf.set(stage.key, id);
  });
  return {
    name: values.name.trim(),
    source: { citation: values.citation.trim(), ...(values.url.trim() ? { url: values.url.trim() } : {}) },
    recipient: values.recipient.trim(),
    trigger: values.trigger.map(toCondition),
    stages: values.stages.map((stage) => ({
      id: idOf.get(stage.key) ?? stage.key,
      name: stage.name.trim(),
      deadlines: stage.deadlines.map((d) => {
        let from = d.from;
        if (from === 'determination') from = `determination:${slugWord(d.determination)}`;
        else if (from.startsWith('stage:')) from = `stage:${idOf.get(from.slice('stage:'.length)) ?? ''}`;
        const amount = Number(d.amount);
        return { from, after: amount > 0 ? { [d.unit]: amount } : {} };
      }),
      ...(stage.wording.trim() ? { wording: stage.wording.trim() } : {}),
    })),
    pacePurpose: values.pacePurpose,
    requiredContent: values.requiredContent.map((c) => c.trim()).filter(Boolean),
  };
}

/** Client-side checks with words a person can act on; keys are form paths. */
export function validateCustomObligation(values: CustomObligationValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.name.trim()) errors.name = 'Give the rule a name, e.g. "Contract: notify the CISO within 2 hours"';
  if (!values.citation.trim())
    errors.citation = 'Say where the rule comes from, e.g. "Contract § 12.3" or "Data processing agreement"';
  if (values.url.trim() && !/^https?:\/\/\S+$/i.test(values.url.trim()))
    errors.url = 'Use a full web address starting with https://';
  values.trigger.forEach((row, i) => {
    if (row.field === 'category' && row.categories.length === 0)
      errors[`trigger.${i}.categories`] = 'Choose at least one category';
    if (row.field === 'origin' && row.origins.length === 0) errors[`trigger.${i}.origins`] = 'Choose at least one origin';
    if (row.field === 'determination' && !slugWord(row.made))
      errors[`trigger.${i}.made`] = 'Name the classification, e.g. "major"';
  });
  if (values.stages.length === 0) errors.stages = 'Add at least one stage, e.g. "Notification"';
  values.stages.forEach((stage, i) => {
    if (!stage.name.trim()) errors[`stages.${i}.name`] = 'Name the stage, e.g. "Notification" or "Final report"';
    if (stage.deadlines.length === 0) errors[`stages.${i}.deadlines`] = 'Add a deadline';
    stage.deadlines.forEach((d, j) => {
      const n = Number(d.amount);
      if (d.amount === '' || !Number.isInteger(n) || n < 1) errors[`stages.${i}.deadlines.${j}.amount`] = ZERO_WINDOW;
      if (d.from === 'determination' && !slugWord(d.determination))
        errors[`stages.${i}.deadlines.${j}.determination`] = 'Name the classification, e.g. "major"';
      if (d.from.startsWith('stage:') && !values.stages.slice(0, i).some((s) => `stage:${s.key}` === d.from))
        errors[`stages.${i}.deadlines.${j}.from`] = 'Choose an earlier stage';
    });
  });
  return errors;
}

/** Where an API error about the definition belongs in the form ("definition.source.citation" → "citation"). */
export function formPathOfDefinitionError(path: string | null): string | null {
  if (!path) return null;
  if (path === 'recipientContactId') return path;
  const inner = path.replace(/^definition\.?/, '');
  if (inner.startsWith('source.citation')) return 'citation';
  if (inner.startsWith('source.url')) return 'url';
  const deadline = inner.match(/^stages\.(\d+)\.deadlines\.(\d+)\.after/);
  if (deadline) return `stages.${deadline[1]}.deadlines.${deadline[2]}.amount`;
  const m = inner.match(/^(name|recipient|pacePurpose|requiredContent|stages\.\d+\.(name|wording|deadlines\.\d+\.from)|stages)/);
  return m ? m[0] : null;
}
