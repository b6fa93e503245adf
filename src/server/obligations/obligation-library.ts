import type { Severity } from '../../shared/incident-vocabulary.ts';
import type { Obligation } from './obligation.ts';

// The built-in library. Customers switch entries on (a customer decides which regimes apply to it) and add
// their own; the triggers below only look at the incident. Citations are shown in the UI next to each rule.

const EUR_LEX = 'https://eur-lex.europa.eu/eli';

export const GDPR_ART_33: Obligation = {
  id: 'gdpr-art-33',
  name: 'GDPR: notify the supervisory authority of a personal data breach',
  source: { citation: 'GDPR (EU) 2016/679 Art. 33(1) and (3)', url: `${EUR_LEX}/reg/2016/679/oj` },
  recipient: 'Supervisory authority (in Norway: Datatilsynet)',
  trigger: [{ field: 'personalData', equals: true }],
  stages: [
    {
      id: 'notification',
      name: 'Notification',
      deadlines: [{ from: 'aware', after: { hours: 72 } }],
      wording: 'without undue delay and, where feasible, not later than 72 hours after becoming aware',
    },
  ],
  pacePurpose: 'notify-authority',
  requiredContent: [
    'Nature of the breach, categories and approximate number of data subjects and records concerned',
    'Name and contact details of the data protection officer or other contact point',
    'Likely consequences of the breach',
    'Measures taken or proposed, including to mitigate possible adverse effects',
  ],
};

export const GDPR_ART_34: Obligation = {
  id: 'gdpr-art-34',
  name: 'GDPR: communicate a high-risk personal data breach to the data subjects',
  source: { citation: 'GDPR (EU) 2016/679 Art. 34(1) and (2)', url: `${EUR_LEX}/reg/2016/679/oj` },
  recipient: 'The data subjects concerned',
  trigger: [
    { field: 'personalData', equals: true },
    { field: 'determination', made: 'high-risk-to-data-subjects' },
  ],
  stages: [
    {
      id: 'communication',
      name: 'Communication to data subjects',
      // The law gives no number. A clock needs one (a zero window is missed the moment it starts), so it is the
      // 72 hours Art. 33 gives the authority: telling the data subjects later than the authority is hard to call
      // "without undue delay". The wording shown is the law's.
      deadlines: [{ from: 'determination:high-risk-to-data-subjects', after: { hours: 72 } }],
      wording: 'without undue delay',
    },
  ],
  pacePurpose: 'notify-data-subjects',
  requiredContent: [
    'In clear and plain language, the nature of the breach',
    'Name and contact details of the data protection officer or other contact point',
    'Likely consequences of the breach',
    'Measures taken or proposed, including to mitigate possible adverse effects',
  ],
};

export const NIS2_ART_23: Obligation = {
  id: 'nis2-art-23',
  name: 'NIS2: report a significant incident to the CSIRT or competent authority',
  source: { citation: 'NIS2 Directive (EU) 2022/2555 Art. 23(1) and (4)', url: `${EUR_LEX}/dir/2022/2555/oj` },
  recipient: 'National CSIRT or competent authority',
  trigger: [{ field: 'determination', made: 'significant' }],
  stages: [
    { id: 'early-warning', name: 'Early warning', deadlines: [{ from: 'aware', after: { hours: 24 } }] },
    { id: 'notification', name: 'Incident notification', deadlines: [{ from: 'aware', after: { hours: 72 } }] },
    { id: 'final-report', name: 'Final report', deadlines: [{ from: 'stage:notification', after: { months: 1 } }] },
  ],
  pacePurpose: 'notify-authority',
  requiredContent: [
    'Early warning: whether the incident is suspected of being caused by unlawful or malicious acts or could have a cross-border impact',
    'Notification: initial assessment, severity and impact, indicators of compromise where available',
    'Final report: detailed description, type of threat or root cause, mitigation measures applied and ongoing, cross-border impact',
  ],
};

export const DORA_MAJOR: Obligation = {
  id: 'dora-major-ict-incident',
  name: 'DORA: report a major ICT-related incident to the competent authority',
  source: {
    citation: 'DORA Regulation (EU) 2022/2554 Art. 19; Commission Delegated Regulation (EU) 2025/301 Art. 5',
    url: `${EUR_LEX}/reg/2022/2554/oj`,
  },
  recipient: 'Competent authority (in Norway: Finanstilsynet)',
  trigger: [{ field: 'determination', made: 'major' }],
  stages: [
    {
      id: 'initial',
      name: 'Initial notification',
      deadlines: [
        { from: 'determination:major', after: { hours: 4 } },
        { from: 'aware', after: { hours: 24 } },
      ],
      wording: 'within 4 hours of classification as major and no later than 24 hours after becoming aware',
    },
    { id: 'intermediate', name: 'Intermediate report', deadlines: [{ from: 'stage:initial', after: { hours: 72 } }] },
    { id: 'final', name: 'Final report', deadlines: [{ from: 'stage:intermediate', after: { months: 1 } }] },
  ],
  pacePurpose: 'notify-authority',
  requiredContent: [
    'Classification criteria met and the affected services, functions and member states',
    'Duration, data losses, economic impact and clients affected',
    'Root cause and the measures taken',
  ],
};

export const NO_SECURITY_ACT_4_5: Obligation = {
  id: 'no-security-act-4-5',
  name: 'Security Act § 4-5: notify NSM of security-threatening activity',
  source: { citation: 'Sikkerhetsloven (LOV-2018-06-01-24) § 4-5', url: 'https://lovdata.no/lov/2018-06-01-24/§4-5' },
  recipient: 'Nasjonal sikkerhetsmyndighet (NSM)',
  trigger: [{ field: 'origin', in: ['attack', 'unknown'] }],
  // "Straks" is at once, with no number. The clock gets one hour: short enough that a late notice shows within the
  // shift that became aware, long enough to gather what NSM asks for; a zero window would be missed at once.
  stages: [
    {
      id: 'notification',
      name: 'Notification',
      deadlines: [{ from: 'aware', after: { hours: 1 } }],
      wording: 'immediately (straks)',
    },
  ],
  pacePurpose: 'notify-authority',
  requiredContent: ['What happened, which values may be affected, and what has been done'],
};

export const NO_DIGITAL_SECURITY_ACT: Obligation = {
  id: 'no-digital-security-act',
  name: 'Digital Security Act: notify an incident with significant impact',
  source: { citation: 'Digitalsikkerhetsloven (LOV-2023-12-20-108) § 7', url: 'https://lovdata.no/lov/2023-12-20-108/§7' },
  recipient: 'The sector authority and NSM (NorCERT)',
  trigger: [{ field: 'determination', made: 'significant' }],
  stages: [{ id: 'notification', name: 'Notification', deadlines: [{ from: 'aware', after: { hours: 24 } }] }],
  pacePurpose: 'notify-authority',
  requiredContent: ['Services affected, number of users affected, duration, geographic spread and impact'],
};

/** The window of "immediately" in the contract template unless the contract says otherwise. */
export const IMMEDIATELY_MINUTES = 60;

/**
 * The contract template: "notify the customer within N hours (of incidents at or above a severity), and
 * immediately on a suspected attack". Returns both rules, ready to switch on for one customer. "Immediately" is
 * a real window (immediatelyMinutes, an hour unless said), met by the first report's delivery.
 */
export function contractObligations(options: {
  customerName: string;
  hours: number;
  severityAtLeast: Severity;
  immediatelyMinutes?: number;
}): Obligation[] {
  const source = { citation: `Contract with ${options.customerName}` };
  const immediately = { minutes: options.immediatelyMinutes ?? IMMEDIATELY_MINUTES };
  const within = `${options.hours} ${options.hours === 1 ? 'hour' : 'hours'}`;
  const content = ['What happened and when', 'Affected services and their connections to other systems', 'What we propose to do'];
  return [
    {
      id: `contract-notify-within-${options.hours}h`,
      name: `Contract: notify ${options.customerName} within ${within}`,
      source,
      recipient: `${options.customerName} contact point`,
      trigger: [{ field: 'severity', atLeast: options.severityAtLeast }],
      stages: [{ id: 'notification', name: 'Notification', deadlines: [{ from: 'aware', after: { hours: options.hours } }] }],
      pacePurpose: 'notify-customer',
      requiredContent: content,
    },
    {
      id: 'contract-notify-attack-immediately',
      name: `Contract: notify ${options.customerName} immediately on a suspected attack`,
      source,
      recipient: `${options.customerName} contact point`,
      trigger: [{ field: 'origin', in: ['attack'] }],
      stages: [
        { id: 'notification', name: 'Notification', deadlines: [{ from: 'aware', after: immediately }], wording: 'immediately' },
      ],
      pacePurpose: 'notify-customer',
      requiredContent: content,
    },
  ];
}

export const OBLIGATION_LIBRARY: readonly Obligation[] = [
  GDPR_ART_33,
  GDPR_ART_34,
  NIS2_ART_23,
  DORA_MAJOR,
  NO_SECURITY_ACT_4_5,
  NO_DIGITAL_SECURITY_ACT,
];
