import type { StoredEvent } from '../core/events/event-store.ts';
import { effectiveSeverity } from './incident.ts';
import type { IncidentState } from './incident-state.ts';
import { allowedTransitions } from './lifecycle.ts';
import { deriveSeverity } from './severity.ts';

/** The API shape of an incident: its state plus what is derived from it. */
export function incidentView(state: IncidentState) {
  return {
    ...state,
    // Incidents stored before these fields existed.
    submissions: state.submissions ?? {},
    waivers: state.waivers ?? {},
    communicationLevel: state.communicationLevel ?? null,
    steps: state.steps ?? {},
    severity: effectiveSeverity(state),
    derivedSeverity: deriveSeverity(state.impact),
    allowedTransitions: allowedTransitions(state),
  };
}

export function timelineEventView(event: StoredEvent) {
  const { streamId, ...rest } = event;
  return { ...rest, incidentId: streamId };
}
