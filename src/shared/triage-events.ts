import type { RuleAction, TriageKind } from './triage-types.ts';

// One stream type's part of the event vocabulary (see timeline-events.ts for the rules every event type follows).

/** The customer of a triage item (absent on streams recorded before it was put in their data). */
type OfCustomer = {
  customerId?: string | null;
};

/** Data of each event type on a triage item's stream. */
export interface TriageEventData {
  'triage.group_opened': OfCustomer & { title: string; rule: string; action: RuleAction };
  'triage.reported': OfCustomer & { kind: Exclude<TriageKind, 'alerts'>; title: string };
  /** The reporter added to a report in triage: how much (what they wrote is in the item's messages). */
  'triage.information_added': { length: number };
  'triage.incident_opened': OfCustomer & { incidentId: string; incidentKey: string };
  'triage.attached': OfCustomer & { incidentId: string; incidentKey: string };
  'triage.dismissed': { reason: string; silenced: number; silenceMinutes: number | null };
}
