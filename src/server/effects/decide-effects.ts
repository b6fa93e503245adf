import {
  EFFECT_QUESTIONS,
  type EffectAnswerInput,
  type EffectAnswerValue,
  type EffectQuestion,
  type EffectQuestionId,
  type EffectsState,
} from '../../shared/effects.ts';
import type { FieldChanges } from '../../shared/field-changes.ts';
import type { IncidentEvent } from '../../shared/timeline-events.ts';
import { AppError } from '../core/errors.ts';
import { canonicalJson } from '../core/events/hash-chain.ts';
import { decide } from '../incidents/incident.ts';
import type { IncidentState } from '../incidents/incident-state.ts';

const BY_ID = new Map<string, EffectQuestion>(EFFECT_QUESTIONS.map((q) => [q.id, q]));
const EXTRA_FIELDS = { volume: ['volume'], scans: ['scans'], backups: ['recentBackups', 'lastBackupAt'] } as const;
const ALL_EXTRA_FIELDS = Object.values(EXTRA_FIELDS).flat();

/**
 * Pure: the events of answering effects questions. Answers given replace those questions' answers whole; others stay.
 * Nothing changed: no event. Otherwise one `effects.assessed` with the changed answers and their previous values, and
 * when a personal-data answer of yes or no differs from the incident's `personalData`, the `incident.updated` of it
 * that starts (or stops) the GDPR clocks in the same transaction (unknown leaves the field as it is). Throws AppError on a question that does not exist, one answered twice,
 * a structured field of another question, or a closed or dismissed incident.
 */
export function decideEffects(state: IncidentState, inputs: EffectAnswerInput[], now: Date): IncidentEvent[] {
  if (state.status === 'closed' || state.status === 'dismissed') {
    throw new AppError('conflict', `The incident is ${state.status}; reopen it before changing its effects assessment`);
  }
  const changed: FieldChanges<Record<EffectQuestionId, EffectAnswerValue>> = { changes: {}, previous: {} };
  const seen = new Set<string>();
  let personalData: boolean | undefined;
  inputs.forEach((input, index) => {
    const question = BY_ID.get(input.question);
    if (!question) {
      const ids = EFFECT_QUESTIONS.map((q) => q.id).join(', ');
      throw new AppError(
        'invalid',
        `There is no effects question "${input.question}" (answers.${index}.question); the questions are: ${ids}`,
        `answers.${index}.question`,
      );
    }
    const id = question.id as EffectQuestionId;
    if (seen.has(id)) throw new AppError('invalid', `"${id}" is answered twice`, `answers.${index}.question`);
    seen.add(id);
    const value = normalised(question, input, index, now);
    if (id === 'personal-data' && value.answer !== 'unknown') personalData = value.answer === 'yes';
    const before = recorded(state.effects, id);
    if (before && canonicalJson(before) === canonicalJson(value)) return;
    changed.changes[id] = value;
    changed.previous[id] = before;
  });
  const events: IncidentEvent[] = [];
  if (Object.keys(changed.changes).length > 0) events.push({ type: 'effects.assessed', data: changed });
  if (personalData !== undefined) {
    // The incident's own field is what the obligations read: the update decides like any other edit of it, and is
    // none when the field already says so. A personal-data answer given again also sets the field back after
    // someone edited it.
    events.push(...decide(state, { type: 'update', changes: { personalData } }, now));
  }
  return events;
}

/** The answer as recorded (without when and by whom), or null when the question is unanswered. */
export function recorded(effects: EffectsState | undefined, id: EffectQuestionId): EffectAnswerValue | null {
  const answer = effects?.[id];
  if (!answer) return null;
  const { at, by, ...value } = answer;
  return value;
}

/** Every field the question has, trimmed and defaulted, so that the same answer given twice compares equal. */
function normalised(question: EffectQuestion, input: EffectAnswerInput, index: number, now: Date): EffectAnswerValue {
  const own: readonly string[] = question.extra ? EXTRA_FIELDS[question.extra] : [];
  for (const field of ALL_EXTRA_FIELDS) {
    if (!own.includes(field) && input[field] !== undefined) {
      throw new AppError('invalid', `"${question.id}" does not take ${field}`, `answers.${index}.${field}`);
    }
  }
  const value: EffectAnswerValue = {
    answer: input.answer,
    detail: (input.detail ?? '').trim(),
    confidence: input.confidence ?? null,
  };
  if (question.extra === 'volume') value.volume = (input.volume ?? '').trim();
  if (question.extra === 'scans') {
    value.scans = (input.scans ?? []).map((scan, i) => {
      const toolkit = scan.toolkit.trim();
      if (!toolkit) throw new AppError('invalid', 'Name the antivirus toolkit', `answers.${index}.scans.${i}.toolkit`);
      return { toolkit, result: scan.result, note: (scan.note ?? '').trim() };
    });
  }
  if (question.extra === 'backups') {
    const lastBackupAt = input.lastBackupAt ?? null;
    if (lastBackupAt && Date.parse(lastBackupAt) > now.getTime() + 5 * 60_000) {
      throw new AppError('invalid', 'The time of the latest backup is in the future', `answers.${index}.lastBackupAt`);
    }
    value.recentBackups = input.recentBackups ?? 'unknown';
    value.lastBackupAt = lastBackupAt ? new Date(lastBackupAt).toISOString() : null;
  }
  return value;
}
