import type { IncidentStatus } from '../../shared/incident-vocabulary.ts';
import type { IncidentState } from './incident-state.ts';

/** One allowed move between ISO/IEC 27035 stages, with its entry criteria. */
export interface TransitionRule {
  from: IncidentStatus;
  to: IncidentStatus;
  decision: 'DP1' | 'DP2' | null;
  reasonRequired: boolean;
  /** Returns why the move is not allowed yet, or null. */
  blockedBy?: (state: IncidentState) => string | null;
}

const needsClassification = (s: IncidentState) =>
  !s.category || !s.impact ? 'Set the category and the C/I/A impact before starting the response (DP2)' : null;

export const TRANSITIONS: readonly TransitionRule[] = [
  { from: 'reported', to: 'assessing', decision: 'DP1', reasonRequired: true },
  { from: 'reported', to: 'dismissed', decision: 'DP1', reasonRequired: true },
  { from: 'assessing', to: 'responding', decision: 'DP2', reasonRequired: true, blockedBy: needsClassification },
  { from: 'assessing', to: 'dismissed', decision: 'DP1', reasonRequired: true },
  {
    from: 'responding',
    to: 'recovering',
    decision: null,
    reasonRequired: false,
    blockedBy: (s) => (s.times.containedAt ? null : 'Record that the incident is contained before starting recovery'),
  },
  { from: 'recovering', to: 'responding', decision: null, reasonRequired: true },
  {
    from: 'recovering',
    to: 'reviewing',
    decision: null,
    reasonRequired: false,
    blockedBy: (s) => (s.times.resolvedAt ? null : 'The incident must be resolved before its review starts'),
  },
  { from: 'reviewing', to: 'closed', decision: null, reasonRequired: false },
  { from: 'dismissed', to: 'assessing', decision: null, reasonRequired: true },
  { from: 'closed', to: 'assessing', decision: null, reasonRequired: true },
];

export function ruleFor(from: IncidentStatus, to: IncidentStatus): TransitionRule | undefined {
  return TRANSITIONS.find((r) => r.from === from && r.to === to);
}

export interface AllowedTransition {
  to: IncidentStatus;
  reasonRequired: boolean;
  decision: 'DP1' | 'DP2' | null;
  blockedBy: string | null;
}

/** The moves out of the current stage, each with what still blocks it. */
export function allowedTransitions(state: IncidentState): AllowedTransition[] {
  return TRANSITIONS.filter((r) => r.from === state.status).map((r) => ({
    to: r.to,
    reasonRequired: r.reasonRequired,
    decision: r.decision,
    blockedBy: r.blockedBy?.(state) ?? null,
  }));
}
