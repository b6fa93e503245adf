// Values shared by the server and the web UI. Data only: no logic lives here.

export const INCIDENT_STATUSES = [
  'reported',
  'assessing',
  'responding',
  'recovering',
  'reviewing',
  'closed',
  'dismissed',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The ISO/IEC 27035 stages in order, as shown by the stage stepper (dismissed sits outside it). */
export const STAGES: readonly IncidentStatus[] = ['reported', 'assessing', 'responding', 'recovering', 'reviewing', 'closed'];

export const IMPACT_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];
export interface Impact {
  confidentiality: ImpactLevel;
  integrity: ImpactLevel;
  availability: ImpactLevel;
}

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ORIGINS = ['attack', 'technical-failure', 'unintentional-error', 'unknown'] as const;
export type Origin = (typeof ORIGINS)[number];
export const ORIGIN_LABELS: Record<Origin, string> = {
  attack: 'Attack',
  'technical-failure': 'Technical failure',
  'unintentional-error': 'Unintentional error',
  unknown: 'Unknown',
};

/** TLP 2.0 (FIRST). */
export const TLP_LABELS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
export type Tlp = (typeof TLP_LABELS)[number];

export const SOURCES = ['web', 'api', 'email', 'alert', 'public-form'] as const;
export type IncidentSource = (typeof SOURCES)[number];

export const MILESTONES = ['contained', 'eradicated', 'resolved'] as const;
export type Milestone = (typeof MILESTONES)[number];

/** CSIRT roles an incident can assign to people. */
export const INCIDENT_ROLES = [
  'incident-manager',
  'deputy',
  'security-lead',
  'it-operations',
  'legal',
  'communications',
  'finance',
  'business-management',
  'customer-liaison',
  'scribe',
] as const;
export type IncidentRole = (typeof INCIDENT_ROLES)[number];
export const INCIDENT_ROLE_LABELS: Record<IncidentRole, string> = {
  'incident-manager': 'Incident manager',
  deputy: 'Deputy incident manager',
  'security-lead': 'Security lead',
  'it-operations': 'IT operations',
  legal: 'Legal',
  communications: 'Communications',
  finance: 'Finance',
  'business-management': 'Business management',
  'customer-liaison': 'Customer liaison',
  scribe: 'Scribe',
};

/** What each CSIRT role does during an incident (the roster, the Roles card and the message telling a holder). */
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

/** A role as a person holding it is called in a sentence: "You are now the legal lead of INC-…". */
export const INCIDENT_ROLE_TITLES: Record<IncidentRole, string> = {
  'incident-manager': 'incident manager',
  deputy: 'deputy incident manager',
  'security-lead': 'security lead',
  'it-operations': 'IT operations lead',
  legal: 'legal lead',
  communications: 'communications lead',
  finance: 'finance lead',
  'business-management': 'business management lead',
  'customer-liaison': 'customer liaison',
  scribe: 'scribe',
};

export const USER_ROLES = ['admin', 'responder', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * ENISA Reference Security Incident Taxonomy (RSIT), machine-readable class and type values.
 * An incident's category is written "class/type", e.g. "malicious-code/infected-system".
 */
export const RSIT: Record<string, { label: string; types: Record<string, string> }> = {
  'abusive-content': {
    label: 'Abusive content',
    types: { spam: 'Spam', 'harmful-speech': 'Harmful speech', violence: 'Child sexual exploitation, violence' },
  },
  'malicious-code': {
    label: 'Malicious code',
    types: {
      'infected-system': 'Infected system',
      'c2-server': 'C2 server',
      'malware-distribution': 'Malware distribution',
      'malware-configuration': 'Malware configuration',
    },
  },
  'information-gathering': {
    label: 'Information gathering',
    types: { scanner: 'Scanning', sniffing: 'Sniffing', 'social-engineering': 'Social engineering' },
  },
  'intrusion-attempts': {
    label: 'Intrusion attempts',
    types: {
      'ids-alert': 'Exploitation of known vulnerabilities',
      'brute-force': 'Login attempts',
      exploit: 'New attack signature',
    },
  },
  intrusions: {
    label: 'Intrusions',
    types: {
      'privileged-account-compromise': 'Privileged account compromise',
      'unprivileged-account-compromise': 'Unprivileged account compromise',
      'application-compromise': 'Application compromise',
      'system-compromise': 'System compromise',
      burglary: 'Burglary',
    },
  },
  availability: {
    label: 'Availability',
    types: {
      dos: 'Denial of service',
      ddos: 'Distributed denial of service',
      misconfiguration: 'Misconfiguration',
      sabotage: 'Sabotage',
      outage: 'Outage',
    },
  },
  'information-content-security': {
    label: 'Information content security',
    types: {
      'unauthorised-information-access': 'Unauthorised access to information',
      'unauthorised-information-modification': 'Unauthorised modification of information',
      'data-loss': 'Data loss',
      'data-leak': 'Leak of confidential information',
    },
  },
  fraud: {
    label: 'Fraud',
    types: {
      'unauthorised-use-of-resources': 'Unauthorised use of resources',
      copyright: 'Copyright',
      masquerade: 'Masquerade',
      phishing: 'Phishing',
    },
  },
  vulnerable: {
    label: 'Vulnerable',
    types: {
      'weak-crypto': 'Weak cryptography',
      'ddos-amplifier': 'DDoS amplifier',
      'potentially-unwanted-accessible': 'Potentially unwanted accessible services',
      'information-disclosure': 'Information disclosure',
      'vulnerable-system': 'Vulnerable system',
    },
  },
  other: { label: 'Other', types: { other: 'Uncategorised', undetermined: 'Undetermined' } },
  test: { label: 'Test', types: { test: 'Test' } },
};

/** Every valid category value, "class/type". */
export const CATEGORIES: readonly string[] = Object.entries(RSIT).flatMap(([cls, { types }]) =>
  Object.keys(types).map((type) => `${cls}/${type}`),
);
