import type { MantineColor } from '@mantine/core';
import {
  type Confidence,
  EFFECT_QUESTIONS,
  type EffectChoice,
  type EffectQuestionId,
  type ScanResult,
} from '../../shared/effects.ts';

/** Human words and colours for the effects assessment. */

export const CHOICE_LABELS: Record<EffectChoice, string> = { yes: 'Yes', no: 'No', unknown: 'Unknown' };

/** A yes is an effect found: the colour draws the eye to it; unknown still needs work. */
export const CHOICE_COLORS: Record<EffectChoice, MantineColor> = { yes: 'red', no: 'teal', unknown: 'yellow' };

export const CONFIDENCE_LABELS: Record<Confidence, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export const SCAN_RESULT_LABELS: Record<ScanResult, string> = {
  clean: 'Clean',
  detected: 'Malware detected',
  inconclusive: 'Inconclusive',
};

const TEXTS = new Map<string, string>(EFFECT_QUESTIONS.map((q) => [q.id, q.text]));

/** The question's wording; an id this version does not know (a newer server's) as it is. */
export function questionText(id: EffectQuestionId | string): string {
  return TEXTS.get(id) ?? id;
}
