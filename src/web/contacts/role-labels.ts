import { INCIDENT_ROLES, type IncidentRole } from '../../shared/incident-vocabulary.ts';

/** What each CSIRT role does during an incident. */

export const INCIDENT_ROLE_DESCRIPTIONS: Record<IncidentRole, string> = {
  'incident-manager': 'Leads the response and takes the decisions',
  deputy: 'Stands in for the incident manager',
  'security-lead': 'Directs the technical investigation and containment',
  'it-operations': 'Isolates, restores and rebuilds systems',
  legal: 'Reporting duties, contracts, evidence, law enforcement',
  communications: 'Statements to staff, press and the public',
  finance: 'Costs, insurance, payments',
  'business-management': 'Business decisions and priorities',
  'customer-liaison': 'Talks with the customer and obtains instructions',
  scribe: 'Keeps the timeline and records decisions',
};

export const ROLE_ORDER: readonly IncidentRole[] = INCIDENT_ROLES;
