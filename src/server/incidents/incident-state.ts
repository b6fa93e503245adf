import type { Incident, IncidentTimes } from '../../shared/api-types.ts';
import type { EffectsState } from '../../shared/effects.ts';

export type { IncidentTimes };

/**
 * The current state of an incident: a fold of its timeline (see evolve). The API's Incident is this state
 * plus what is derived from it (severity, allowed transitions) and what the reader may do with it.
 * `effects` (the effects assessment's answers) is absent until the first answer, so incidents stored before it
 * existed replay to the same state; it has routes of its own and is not part of the Incident shape.
 */
export type IncidentState = Omit<Incident, 'severity' | 'derivedSeverity' | 'allowedTransitions' | 'allowed'> & {
  effects?: EffectsState;
};
