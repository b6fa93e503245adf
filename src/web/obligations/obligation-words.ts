import { ORIGIN_LABELS, RSIT, type Severity } from '../../shared/incident-vocabulary.ts';
import type { Criticality, ObligationCondition, ObligationDefinition, ObligationDuration } from '../../shared/prepare-types.ts';

/** Reporting obligations in words: deadlines, clock starts and trigger conditions as a person would say them. */

export const SEVERITY_WORDS: Record<Severity, string> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };
export const CRITICALITY_WORDS: Record<Criticality, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

const UNITS = [
  ['months', 'month'],
  ['days', 'day'],
  ['hours', 'hour'],
  ['minutes', 'minute'],
] as const;

/** "72 hours", "1 month", "1 day and 2 hours"; an empty duration is "" (immediately). */
export function durationWords(after: ObligationDuration): string {
  const parts = UNITS.flatMap(([key, unit]) => {
    const n = after[key];
    return n ? [`${n} ${unit}${n === 1 ? '' : 's'}`] : [];
  });
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** A named determination, "high-risk-to-data-subjects" → "high risk to data subjects". */
export function determinationWords(name: string): string {
  return name.replace(/-/g, ' ');
}

type Stages = ObligationDefinition['stages'];

/** What starts a clock, as the object of "after …" / "of …". */
export function clockWords(from: string, stages: Stages): string {
  if (from === 'aware') return 'awareness';
  if (from === 'classified') return 'classification';
  if (from.startsWith('determination:')) return `classification as ${determinationWords(from.slice('determination:'.length))}`;
  if (from.startsWith('stage:')) {
    const id = from.slice('stage:'.length);
    const stage = stages.find((s) => s.id === id);
    return `submitting the ${stage ? stage.name.toLowerCase() : id}`;
  }
  return from;
}

/** "72 hours after awareness", "immediately on classification as major". */
export function deadlineWords(deadline: Stages[number]['deadlines'][number], stages: Stages): string {
  const duration = durationWords(deadline.after);
  const clock = clockWords(deadline.from, stages);
  return duration ? `${duration} after ${clock}` : `immediately on ${clock}`;
}

/** A stage's deadlines in words: the earliest started one applies. */
export function stageDeadlineWords(stage: Stages[number], stages: Stages): string {
  const [first, ...rest] = stage.deadlines.map((d) => deadlineWords(d, stages));
  if (!first) return 'no deadline';
  if (rest.length === 0) return first;
  return `${first}, and no later than ${rest.join(', and no later than ')}`;
}

function categoryWords(value: string): string {
  const [cls, type] = value.split('/');
  const entry = RSIT[cls];
  if (!entry) return value;
  return type ? `${entry.label} › ${entry.types[type] ?? type}` : `${entry.label} (any type)`;
}

function orList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** One trigger condition as a sentence. */
export function conditionWords(condition: ObligationCondition): string {
  switch (condition.field) {
    case 'personalData':
      return condition.equals ? 'Personal data is involved' : 'No personal data is involved';
    case 'severity':
      return condition.atLeast === 'critical'
        ? 'Severity is Critical'
        : `Severity is ${SEVERITY_WORDS[condition.atLeast]} or higher`;
    case 'category':
      return `Category is ${orList(condition.in.map(categoryWords))}`;
    case 'origin':
      return `Origin is ${orList(condition.in.map((o) => ORIGIN_LABELS[o] ?? o))}`;
    case 'serviceCriticality':
      return `An affected service has ${CRITICALITY_WORDS[condition.atLeast]} criticality${condition.atLeast === 'critical' ? '' : ' or higher'}`;
    case 'determination':
      return `The incident is classified as ${determinationWords(condition.made)}`;
  }
}

/** All conditions must hold; none means every incident. */
export function triggerWords(trigger: ObligationCondition[]): string[] {
  return trigger.length ? trigger.map(conditionWords) : ['Every incident'];
}
