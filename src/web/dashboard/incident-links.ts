import type { IncidentStatus, Severity } from '../../shared/incident-vocabulary.ts';

/** The stages an incident is still worked in (not closed, not dismissed), in lifecycle order. */
export const OPEN_STAGES: readonly IncidentStatus[] = ['reported', 'assessing', 'responding', 'recovering', 'reviewing'];

/**
 * The incident list (the home page) filtered to a part of the grid, in the words the list's address understands (use-incident-filters):
 * the stages, a severity, real or exercise. The list cannot filter "not assessed", so those cells sort by severity
 * lowest first instead: the unassessed incidents of the stage come first.
 */
export function incidentListLink(options: {
  stages?: readonly IncidentStatus[];
  severity?: Severity | null;
  exercise: boolean;
}): string {
  const params = new URLSearchParams();
  for (const stage of options.stages ?? OPEN_STAGES) params.append('status', stage);
  if (options.severity) params.set('severity', options.severity);
  params.set('exercise', options.exercise ? 'exercise' : 'real');
  if (options.severity === null) {
    params.set('sort', 'severity');
    params.set('order', 'asc');
  }
  return `/?${params.toString()}`;
}
