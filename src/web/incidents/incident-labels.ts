import type { MantineColor } from '@mantine/core';
import type { AllowedTransition } from '../../shared/api-types.ts';
import {
  type ImpactLevel,
  type IncidentSource,
  type IncidentStatus,
  type Milestone,
  ORIGIN_LABELS,
  ORIGINS,
  type Origin,
  RSIT,
  type Severity,
  STAGES,
  type Tlp,
} from '../../shared/incident-vocabulary.ts';

/** Human words and colours for the incident vocabulary. */

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  reported: 'Reported',
  assessing: 'Assessing',
  responding: 'Responding',
  recovering: 'Recovering',
  reviewing: 'Reviewing',
  closed: 'Closed',
  dismissed: 'Dismissed',
};

export const STATUS_COLORS: Record<IncidentStatus, MantineColor> = {
  reported: 'blue',
  assessing: 'violet',
  responding: 'orange',
  recovering: 'yellow',
  reviewing: 'cyan',
  closed: 'gray',
  dismissed: 'gray',
};

export const STAGE_DESCRIPTIONS: Record<IncidentStatus, string> = {
  reported: 'Waiting for DP1',
  assessing: 'Classify, then DP2',
  responding: 'Contain, eradicate',
  recovering: 'Restore service',
  reviewing: 'Learn lessons',
  closed: 'Done',
  dismissed: 'False positive',
};

/** Under a stage the incident has gone past: what was done there, not what it waits for. */
export const STAGE_DONE_DESCRIPTIONS: Record<IncidentStatus, string> = {
  reported: 'Confirmed at DP1',
  assessing: 'Classified, DP2 taken',
  responding: 'Contained',
  recovering: 'Service restored',
  reviewing: 'Lessons learned',
  closed: 'Done',
  dismissed: 'False positive',
};

/** The words under a stage of the stepper while the incident is at `current`. */
export function stageDescription(stage: IncidentStatus, current: IncidentStatus): string {
  const finished = current === 'closed' || STAGES.indexOf(stage) < STAGES.indexOf(current);
  return current !== 'dismissed' && finished ? STAGE_DONE_DESCRIPTIONS[stage] : STAGE_DESCRIPTIONS[stage];
}

export const SEVERITY_LABELS: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const SEVERITY_COLORS: Record<Severity, MantineColor> = {
  low: 'green',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};

export const IMPACT_LABELS: Record<ImpactLevel, string> = {
  none: 'None',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

export const IMPACT_DIMENSIONS = [
  { key: 'confidentiality', label: 'Confidentiality' },
  { key: 'integrity', label: 'Integrity' },
  { key: 'availability', label: 'Availability' },
] as const;

/** TLP 2.0 colours as FIRST defines them, shown as coloured text on black: RED, AMBER, GREEN, CLEAR (white). */
export const TLP_COLORS: Record<Tlp, string> = {
  'TLP:RED': '#FF2B2B',
  'TLP:AMBER+STRICT': '#FFC000',
  'TLP:AMBER': '#FFC000',
  'TLP:GREEN': '#33FF00',
  'TLP:CLEAR': '#FFFFFF',
};

export const TLP_DESCRIPTIONS: Record<Tlp, string> = {
  'TLP:RED': 'For the eyes and ears of individual recipients only',
  'TLP:AMBER+STRICT': 'Limited disclosure, restricted to the organisation only',
  'TLP:AMBER': 'Limited disclosure, restricted to the organisation and its clients',
  'TLP:GREEN': 'Limited disclosure, restricted to the community',
  'TLP:CLEAR': 'Disclosure is not limited',
};

export function originLabel(origin: Origin): string {
  return ORIGIN_LABELS[origin] ?? origin;
}

/** Where an incident came from, as the Details card shows it. */
export const SOURCE_LABELS: Record<IncidentSource, string> = {
  web: 'Reported in Muster',
  api: 'API',
  email: 'E-mail report',
  alert: 'Alert group',
  'public-form': 'Public report form',
};

/** How the timeline says it: "reported the incident from an alert group". */
export const SOURCE_PHRASES: Record<IncidentSource, string> = {
  web: '',
  api: 'through the API',
  email: 'from an e-mail report',
  alert: 'from an alert group',
  'public-form': 'from the public report form',
};

export const ORIGIN_OPTIONS = ORIGINS.map((o) => ({ value: o, label: originLabel(o) }));

/** "Malicious code › Infected system" for "malicious-code/infected-system". */
export function categoryLabel(category: string | null): string | null {
  if (!category) return null;
  const [cls, type] = category.split('/');
  const entry = RSIT[cls];
  if (!entry) return category;
  return `${entry.label} › ${entry.types[type] ?? type}`;
}

export function personalDataLabel(value: boolean | null): string {
  if (value === null) return 'Unknown';
  return value ? 'Yes' : 'No';
}

export const MILESTONE_LABELS: Record<Milestone, string> = {
  contained: 'Contained',
  eradicated: 'Eradicated',
  resolved: 'Resolved',
};

/** What a move between stages is called on its button, and what the modal explains. */
export function transitionLabel(from: IncidentStatus, t: Pick<AllowedTransition, 'to' | 'decision'>): string {
  if (t.to === 'dismissed') return 'Dismiss as false positive';
  if (from === 'reported' && t.to === 'assessing') return 'Confirm incident (DP1)';
  if ((from === 'closed' || from === 'dismissed') && t.to === 'assessing') return 'Reopen';
  if (t.to === 'responding' && from === 'assessing') return 'Start response (DP2)';
  if (t.to === 'responding') return 'Back to response';
  if (t.to === 'recovering') return 'Start recovery';
  if (t.to === 'reviewing') return 'Start review';
  if (t.to === 'closed') return 'Close';
  return `Move to ${STATUS_LABELS[t.to].toLowerCase()}`;
}

export function transitionExplanation(from: IncidentStatus, t: Pick<AllowedTransition, 'to' | 'decision'>): string {
  if (t.to === 'dismissed') {
    return 'Decision point 1: this is not an incident. It will be closed as a false positive; it can be reopened later.';
  }
  if (from === 'reported' && t.to === 'assessing') {
    return 'Decision point 1: this is a real incident. Assessment starts: classify it and rate its C/I/A impact.';
  }
  if (t.to === 'responding' && from === 'assessing') {
    return 'Decision point 2: the classification, severity and TLP are recorded with your decision, and the response starts.';
  }
  if (t.to === 'responding') return 'Go back to the response phase, for example when the threat is not gone after all.';
  if (t.to === 'recovering') return 'The incident is contained. Recovery restores the affected services.';
  if (t.to === 'reviewing')
    return 'The incident is resolved. The post-incident review captures what went well and what to change.';
  if (t.to === 'closed') return 'The review is done and the incident is closed.';
  if (t.to === 'assessing') return 'The incident is opened again and goes back to assessment.';
  return '';
}

/** Whether a move is the "forward" step (primary button) rather than a side exit. */
export function isForward(t: Pick<AllowedTransition, 'to'>, from: IncidentStatus): boolean {
  if (t.to === 'dismissed') return false;
  if (from === 'recovering' && t.to === 'responding') return false;
  return true;
}
