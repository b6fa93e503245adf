import { EFFECT_QUESTIONS, type EffectsState, type ImpactDimension, type ImpactRaise } from '../../shared/effects.ts';
import { IMPACT_LEVELS, type Impact, type ImpactLevel, type Severity } from '../../shared/incident-vocabulary.ts';
import { deriveSeverity } from '../incidents/severity.ts';

const DIMENSIONS: ImpactDimension[] = ['confidentiality', 'integrity', 'availability'];
const rank = (level: ImpactLevel) => IMPACT_LEVELS.indexOf(level);

export interface ImpactProposal {
  /** The C/I/A to apply: the current one with the raised dimensions (none where not assessed); null: nothing to raise. */
  impact: Impact | null;
  /** What that impact derives to by the documented rule (deriveSeverity); null without a proposal. */
  severity: Severity | null;
  raises: ImpactRaise[];
}

/**
 * Pure: the C/I/A the answers suggest. Each question answered yes points to a dimension at a least level
 * (EFFECT_QUESTIONS' yesPoints); a dimension is proposed only where that is higher than the incident's impact now.
 * It only ever raises: lowering an impact is a person's call, and a person confirms any proposal (PATCH impact).
 */
export function proposeImpact(impact: Impact | null, effects: EffectsState | undefined): ImpactProposal {
  const suggested = new Map<ImpactDimension, { level: ImpactLevel; because: ImpactRaise['because'] }>();
  for (const question of EFFECT_QUESTIONS) {
    const points = question.yesPoints;
    if (!points || effects?.[question.id]?.answer !== 'yes') continue;
    const before = suggested.get(points.dimension);
    if (!before || rank(points.level) > rank(before.level)) {
      suggested.set(points.dimension, { level: points.level, because: [...(before?.because ?? []), question.id] });
    } else before.because.push(question.id);
  }
  const raises: ImpactRaise[] = [];
  for (const dimension of DIMENSIONS) {
    const suggestion = suggested.get(dimension);
    const from = impact ? impact[dimension] : null;
    if (suggestion && rank(suggestion.level) > rank(from ?? 'none')) {
      raises.push({ dimension, from, to: suggestion.level, because: suggestion.because });
    }
  }
  if (raises.length === 0) return { impact: null, severity: null, raises };
  const proposed: Impact = { ...(impact ?? { confidentiality: 'none', integrity: 'none', availability: 'none' }) };
  for (const raise of raises) proposed[raise.dimension] = raise.to;
  return { impact: proposed, severity: deriveSeverity(proposed), raises };
}
