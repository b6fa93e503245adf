import type { EffectAnswerValue, EffectQuestionId } from '../../shared/effects.ts';
import type { IncidentEventData } from '../../shared/incident-events.ts';
import { formatAbsolute } from '../core/time.ts';
import type { EventDescription } from '../incidents/event-description.ts';
import { CHOICE_LABELS, CONFIDENCE_LABELS, questionText, SCAN_RESULT_LABELS } from './effect-labels.ts';

const choice = (value: string) => CHOICE_LABELS[value as keyof typeof CHOICE_LABELS] ?? value;

/** What an answer says besides yes/no/unknown, each as "Label: value"; what changed from before first. */
function facts(value: EffectAnswerValue, before: EffectAnswerValue | null | undefined): string[] {
  const out: string[] = [];
  if (before && before.answer !== value.answer) out.push(`Was: ${choice(before.answer)}`);
  if (value.confidence) out.push(`Confidence: ${CONFIDENCE_LABELS[value.confidence] ?? value.confidence}`);
  if (value.volume?.trim()) out.push(`Taken: ${value.volume.trim()}`);
  if (value.scans?.length) {
    const scans = value.scans.map((s) => {
      const result = SCAN_RESULT_LABELS[s.result] ?? s.result;
      return `${s.toolkit}: ${result.toLowerCase()}${s.note?.trim() ? ` (${s.note.trim()})` : ''}`;
    });
    out.push(`Scans: ${scans.join('; ')}`);
  }
  if (value.recentBackups && value.recentBackups !== 'unknown') out.push(`Recent backups: ${choice(value.recentBackups)}`);
  if (value.lastBackupAt) out.push(`Latest backup: ${formatAbsolute(value.lastBackupAt)}`);
  if (value.detail?.trim()) out.push(`Detail: ${value.detail.trim()}`);
  return out;
}

/**
 * `effects.assessed`: one answer reads "answered “Is personal data involved?”: Yes" with its facts as details;
 * several read "answered 3 effects questions" with a line each.
 */
export function describeEffectsAssessed(d: IncidentEventData['effects.assessed']): EventDescription {
  const base = { kind: 'update' as const, reason: null, markdown: null };
  const given = (Object.keys(d.changes ?? {}) as EffectQuestionId[]).flatMap((id) => {
    const value = d.changes[id];
    return value ? [{ id, value, before: d.previous?.[id] ?? null }] : [];
  });
  if (given.length === 1) {
    const [{ id, value, before }] = given;
    const verb = before ? 'changed the answer to' : 'answered';
    return { ...base, summary: `${verb} “${questionText(id)}”: ${choice(value.answer)}`, details: facts(value, before) };
  }
  return {
    ...base,
    summary: `answered ${given.length} effects questions`,
    details: given.map(({ id, value, before }) =>
      [`${questionText(id)} ${choice(value.answer)}`, ...facts(value, before)].join(' · '),
    ),
  };
}
