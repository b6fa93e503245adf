import { ORIGIN_LABELS, type Origin } from '../../shared/incident-vocabulary.ts';
import type { MoveOnRule, ObligationCondition, ObligationDefinition, ObligationDuration } from '../../shared/prepare-types.ts';

// How the offline kit words clocks, conditions, move-on rules and times: plain sentences for people reading a
// printed binder while systems are down.

const UNITS: [keyof ObligationDuration, string][] = [
  ['months', 'month'],
  ['days', 'day'],
  ['hours', 'hour'],
  ['minutes', 'minute'],
];

/** "72 hours", "1 month", "1 day and 2 hours"; an empty duration is "" (immediately). */
export function durationWords(duration: ObligationDuration): string {
  const parts = UNITS.filter(([key]) => (duration[key] ?? 0) > 0).map(([key, unit]) => {
    const n = duration[key] ?? 0;
    return `${n} ${unit}${n === 1 ? '' : 's'}`;
  });
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function humanise(slug: string): string {
  return slug.replace(/[-_]+/g, ' ');
}

function clockWords(from: string, definition: ObligationDefinition): string {
  if (from === 'aware') return 'awareness';
  if (from === 'classified') return 'classification (decision point 2)';
  if (from.startsWith('determination:')) return `the “${humanise(from.slice('determination:'.length))}” determination`;
  if (from.startsWith('stage:')) {
    const id = from.slice('stage:'.length);
    return `the “${definition.stages.find((s) => s.id === id)?.name ?? humanise(id)}” stage is submitted`;
  }
  return humanise(from);
}

/** "72 hours after awareness"; several deadlines are joined with "whichever comes first". */
export function deadlineWords(stage: ObligationDefinition['stages'][number], definition: ObligationDefinition): string {
  const each = stage.deadlines.map((d) => {
    const after = durationWords(d.after);
    return after ? `${after} after ${clockWords(d.from, definition)}` : `immediately on ${clockWords(d.from, definition)}`;
  });
  if (each.length === 0) return stage.wording ?? 'no deadline set';
  return each.length === 1 ? each[0] : `${each.join(' or ')}, whichever comes first`;
}

const AT_LEAST = (value: string) => `${value} or higher`;

/** One condition of an obligation's trigger, in words. */
export function conditionWords(condition: ObligationCondition): string {
  switch (condition.field) {
    case 'personalData':
      return condition.equals ? 'personal data is involved' : 'no personal data is involved';
    case 'severity':
      return `the severity is ${AT_LEAST(condition.atLeast)}`;
    case 'category':
      return `the category is ${condition.in.join(' or ')}`;
    case 'origin':
      return `the origin is ${condition.in.map((o: Origin) => ORIGIN_LABELS[o].toLowerCase()).join(' or ')}`;
    case 'serviceCriticality':
      return `an affected service’s criticality is ${AT_LEAST(condition.atLeast)}`;
    case 'determination':
      return `the “${humanise(condition.made)}” determination has been made`;
  }
}

/** The same rule, short enough for the PACE card: "no ack in 15 min, delivery fails, compromised". */
export function moveOnShort(rule: MoveOnRule, last: boolean): string {
  if (last) return 'Last level';
  const when = [
    rule.noAckMinutes !== null ? `no ack in ${rule.noAckMinutes} min` : '',
    rule.onDeliveryFailure ? 'delivery fails' : '',
    rule.onChannelCompromised ? 'compromised' : '',
  ].filter(Boolean);
  return when.length ? when.join(', ') : 'IM decides';
}

/** When to leave a PACE level, in words. */
export function moveOnWords(rule: MoveOnRule, last: boolean): string {
  if (last) return 'Last level: keep trying and tell the incident manager.';
  const when = [
    rule.noAckMinutes !== null ? `no acknowledgement within ${rule.noAckMinutes} minutes` : '',
    rule.onDeliveryFailure ? 'delivery fails' : '',
    rule.onChannelCompromised ? 'the channel is declared compromised' : '',
  ].filter(Boolean);
  if (when.length === 0) return 'Only when the incident manager decides.';
  const list = when.length === 1 ? when[0] : `${when.slice(0, -1).join(', ')} or ${when.at(-1)}`;
  return `Move on if ${list}.`;
}
