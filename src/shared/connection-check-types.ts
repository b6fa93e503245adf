import type { ConnectionDirection } from './prepare-types.ts';

// The customer checks the affected services' connections (docs/api.md "Connection checks"): the list sent to them,
// their answer per connection through a single-use link, and what follows from a compromised one. Shared by the
// server and the web UI: values and shapes only, no logic.

/** What the customer says of one connection, in the words of the link's page. */
export const CHECK_ANSWERS = ['clean', 'compromised', 'not-checked'] as const;
export type CheckAnswerStatus = (typeof CHECK_ANSWERS)[number];
export const CHECK_ANSWER_LABELS: Record<CheckAnswerStatus, string> = {
  clean: 'Checked and clean',
  compromised: 'Compromised',
  'not-checked': 'Not checked',
};

/** One connection of an affected service, as it was when the customer was asked to check it. */
export type ConnectionToCheck = {
  serviceId: string;
  serviceName: string;
  /** Unique within one check (ids typed by hand may repeat across services: the later ones get a suffix). */
  connectionId: string;
  target: string;
  direction: ConnectionDirection;
  protocol: string;
  account: string;
  purpose: string;
};

export type ConnectionCheckAnswer = {
  status: CheckAnswerStatus;
  /** What they found or why they could not check; may be empty. */
  note: string;
  answeredAt: string;
};

/** sent: the link works; answered: it was used (single use); expired: it was not used in time. */
export type ConnectionCheckStatus = 'sent' | 'answered' | 'expired';

/** A service of the customer that a connection reported compromised leads to (its name is the target). */
export interface CompromisedService {
  id: string;
  name: string;
  /** The compromised connections whose target names it. */
  connectionIds: string[];
  /** Already one of the incident's affected services (now); else adding it is suggested. */
  onIncident: boolean;
}

/** GET /incidents/:id/connection-checks: one request to the customer and, once they used the link, their answers. */
export interface ConnectionCheck {
  id: string;
  incidentId: string;
  notificationId: string;
  status: ConnectionCheckStatus;
  connections: ConnectionToCheck[];
  /** By connectionId; null until the customer answers. */
  answers: Record<string, ConnectionCheckAnswer> | null;
  answeredAt: string | null;
  /** The name they typed on the page; null when they gave none. */
  answeredBy: string | null;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  /** The services of compromisedServices not on the incident: adding them is suggested. */
  suggestedServiceIds: string[];
  /** The customer's services that a compromised connection leads to (matched by name), as the incident is now. */
  compromisedServices: CompromisedService[];
}
