import type { Impact, ImpactLevel, Severity } from '../../shared/incident-vocabulary.ts';

const RANK: Record<ImpactLevel, number> = { none: 0, low: 1, medium: 2, high: 3 };

/**
 * Severity from C/I/A impact (documented in docs/incident-lifecycle.md):
 * two or more dimensions high → critical; one high → high; highest medium → medium; otherwise low.
 * No impact assessed yet → null ("not assessed").
 */
export function deriveSeverity(impact: Impact | null): Severity | null {
  if (!impact) return null;
  const levels = [impact.confidentiality, impact.integrity, impact.availability].map((l) => RANK[l]);
  const highs = levels.filter((r) => r === RANK.high).length;
  if (highs >= 2) return 'critical';
  if (highs === 1) return 'high';
  if (Math.max(...levels) === RANK.medium) return 'medium';
  return 'low';
}
