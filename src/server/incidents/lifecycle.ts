import type { AllowedTransition, OpenClock } from '../../shared/api-types.ts';
import type { IncidentStatus, Severity } from '../../shared/incident-vocabulary.ts';
import type { ReviewStatus } from '../../shared/review-types.ts';
import { closeBlockedBy } from '../obligations/open-clocks.ts';
import type { IncidentState } from './incident-state.ts';

/** What the post-incident review says for closing (src/server/reviews/review-gate.ts works it out). */
export interface ReviewGate {
  /** The incident may not close unless the review is completed or waived. */
  required: boolean;
  /** null: no review stored (the incident reached review before reviews existed). */
  status: ReviewStatus | null;
  severity: Severity | null;
}

/**
 * What a move's entry criteria need besides the incident's own state, worked out by the change path from the
 * incident's plan (so the rules stay pure): the obligation clocks still open, and what the review says (absent:
 * not known to the caller, and then it does not block; the change path always works it out for a close and for
 * entering review, where it says whether the review opened is required).
 */
export interface TransitionContext {
  openClocks: readonly OpenClock[];
  review?: ReviewGate;
}

/** Closing waits for a required review to be completed or waived with a reason. */
export function reviewBlockedBy(review: ReviewGate | undefined): string | null {
  if (!review?.required || review.status === 'completed' || review.status === 'waived') return null;
  const which = review.severity ? `A ${review.severity}-severity incident` : 'This incident';
  return `${which} needs its post-incident review before it closes: complete the review, or waive it with a reason`;
}

/** One allowed move between ISO/IEC 27035 stages, with its entry criteria. */
export interface TransitionRule {
  from: IncidentStatus;
  to: IncidentStatus;
  decision: 'DP1' | 'DP2' | null;
  reasonRequired: boolean;
  /** Returns why the move is not allowed yet, or null. */
  blockedBy?: (state: IncidentState, context: TransitionContext) => string | null;
}

// Someone must lead before the response starts or the incident is set aside: an incident manager named on the
// incident. The roster's holder does not count until someone takes the role on (one click on the Roles card), so
// that the person leading is the one who was told and knows it.
const hasManager = (s: IncidentState) => Boolean(s.assignments?.['incident-manager']);

/** What is missing before DP2, all of it in one sentence. */
const readyToRespond = (s: IncidentState) => {
  const missing = [
    hasManager(s) ? null : 'assign an incident manager',
    s.category && s.impact ? null : 'set the category and the C/I/A impact',
  ].filter((m): m is string => m !== null);
  if (missing.length === 0) return null;
  const words = missing.join(' and ');
  return `${words[0].toUpperCase()}${words.slice(1)} before starting the response (DP2)`;
};

const managerToDismiss = (s: IncidentState) =>
  hasManager(s) ? null : 'Assign an incident manager before dismissing the incident as a false positive';

export const TRANSITIONS: readonly TransitionRule[] = [
  { from: 'reported', to: 'assessing', decision: 'DP1', reasonRequired: true },
  { from: 'reported', to: 'dismissed', decision: 'DP1', reasonRequired: true },
  { from: 'assessing', to: 'responding', decision: 'DP2', reasonRequired: true, blockedBy: readyToRespond },
  { from: 'assessing', to: 'dismissed', decision: 'DP1', reasonRequired: true, blockedBy: managerToDismiss },
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
  // No close with a clock open: every applying obligation's stages met or waived with a reason. Exercises alike.
  // …and a required review completed or waived (docs/reviews.md).
  {
    from: 'reviewing',
    to: 'closed',
    decision: null,
    reasonRequired: false,
    blockedBy: (_s, c) => closeBlockedBy(c.openClocks) ?? reviewBlockedBy(c.review),
  },
  { from: 'dismissed', to: 'assessing', decision: null, reasonRequired: true },
  { from: 'closed', to: 'assessing', decision: null, reasonRequired: true },
];

export function ruleFor(from: IncidentStatus, to: IncidentStatus): TransitionRule | undefined {
  return TRANSITIONS.find((r) => r.from === from && r.to === to);
}

export type { AllowedTransition };

/** The moves out of the current stage, each with what still blocks it (closing: with the clocks still open). */
export function allowedTransitions(state: IncidentState, context: TransitionContext): AllowedTransition[] {
  return TRANSITIONS.filter((r) => r.from === state.status).map((r) => ({
    to: r.to,
    reasonRequired: r.reasonRequired,
    decision: r.decision,
    blockedBy: r.blockedBy?.(state, context) ?? null,
    ...(r.to === 'closed' ? { openClocks: [...context.openClocks] } : {}),
  }));
}
