import {
  type Confidence,
  EFFECT_QUESTIONS,
  type EffectAnswerInput,
  type EffectAnswerView,
  type EffectChoice,
  type EffectExtra,
  type ScanResult,
} from '../../shared/effects.ts';
import { fromLocalInput, toLocalInput } from '../core/time.ts';

/** One question's form as the person edits it; times as the datetime-local input holds them. */
export interface EffectDraft {
  answer: EffectChoice | null;
  detail: string;
  confidence: Confidence | null;
  volume: string;
  scans: { toolkit: string; result: ScanResult; note: string }[];
  recentBackups: EffectChoice;
  lastBackupAt: string;
}

const EXTRAS = new Map<string, EffectExtra | null>(EFFECT_QUESTIONS.map((q) => [q.id, q.extra]));

/** The structured fields the question asks for besides yes/no/unknown, detail and confidence. */
export const extraOf = (question: string): EffectExtra | null => EXTRAS.get(question) ?? null;

export function draftOf(view: EffectAnswerView): EffectDraft {
  return {
    answer: view.answer,
    detail: view.detail,
    confidence: view.confidence,
    volume: view.volume ?? '',
    scans: (view.scans ?? []).map((s) => ({ ...s })),
    recentBackups: view.recentBackups ?? 'unknown',
    lastBackupAt: toLocalInput(view.lastBackupAt),
  };
}

/** The PUT entry for the draft: only the fields its question takes, and scans that name a toolkit. */
export function inputOf(question: string, draft: EffectDraft & { answer: EffectChoice }): EffectAnswerInput {
  const input: EffectAnswerInput = {
    question,
    answer: draft.answer,
    detail: draft.detail.trim(),
    confidence: draft.confidence,
  };
  const extra = extraOf(question);
  if (extra === 'volume') input.volume = draft.volume.trim();
  if (extra === 'scans') {
    input.scans = draft.scans
      .filter((s) => s.toolkit.trim())
      .map((s) => ({ toolkit: s.toolkit.trim(), result: s.result, note: s.note.trim() }));
  }
  if (extra === 'backups') {
    input.recentBackups = draft.recentBackups;
    input.lastBackupAt = fromLocalInput(draft.lastBackupAt);
  }
  return input;
}

/** Whether saving the draft would change what the question's answer holds. */
export function draftChanged(question: string, draft: EffectDraft, saved: EffectAnswerView): boolean {
  if (draft.answer === null) return false;
  if (saved.answer === null) return true;
  const normal = (d: EffectDraft) => JSON.stringify(inputOf(question, { ...d, answer: d.answer ?? 'unknown' }));
  return normal(draft) !== normal(draftOf(saved));
}
