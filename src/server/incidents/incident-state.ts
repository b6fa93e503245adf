import type { Incident, IncidentTimes } from '../../shared/api-types.ts';

export type { IncidentTimes };

/**
 * The current state of an incident: a fold of its timeline (see evolve). The API's Incident is this state
 * plus what is derived from it (severity, allowed transitions) and what the reader may do with it.
 */
export type IncidentState = Omit<Incident, 'severity' | 'derivedSeverity' | 'allowedTransitions' | 'allowed'>;
