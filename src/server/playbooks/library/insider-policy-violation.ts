import type { Playbook } from '../playbook.ts';
import { REVIEW_RECORD } from './review-record.ts';

export const INSIDER: Playbook = {
  id: 'insider-policy-violation',
  version: 1,
  name: 'Insider threat or policy violation',
  summary:
    'Someone with legitimate access misuses it, on purpose or by carelessness. Keep the circle small, involve legal ' +
    'and HR before investigating, establish what was accessed and revoke access at the agreed moment.',
  categories: [
    'fraud/unauthorised-use-of-resources',
    'information-content-security/unauthorised-information-access',
    'availability/sabotage',
  ],
  preserve: [
    'The person’s mailbox and file shares as they are now',
    'Access and audit logs of the systems they used',
    'Badge, VPN and sign-in records for the period',
    'Devices they used, untouched (do not reissue or wipe them)',
  ],
  steps: [
    {
      id: 'small-circle',
      phase: 'communicate',
      title: 'Keep the circle small and the channels private',
      detail:
        'Handle as TLP:RED on a need-to-know basis. Do not use channels, tickets or mailing lists the person can read, ' +
        'and do not alert them. Use the PACE plan with named recipients only.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { hours: 4 } },
      record: ['who is informed', 'channels used'],
    },
    {
      id: 'inform-customer',
      phase: 'communicate',
      title: 'Inform the customer’s contact point',
      detail:
        'If the person has access to customer solutions or data, tell the contact point immediately and agree who ' +
        'leads. If the contact point could be involved, use the escalation contact in the plan.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { hours: 4 } },
      record: ['time the customer was told', 'who was told'],
    },
    {
      id: 'legal-hr',
      phase: 'investigate',
      title: 'Involve legal and HR before investigating',
      detail:
        'Employment and privacy law limit access to an employee’s mailbox, files and logs. Agree the legal basis, ' +
        'the scope and who may look, and whether employee representatives must be involved. Many policy violations ' +
        'are mistakes: if so, switch to the unintentional error playbook.',
      role: 'legal',
      needsCustomerInstruction: false,
      record: ['legal basis and approved scope', 'who approved the investigation'],
    },
    {
      id: 'secure-evidence',
      phase: 'investigate',
      title: 'Secure evidence quietly and with chain of custody',
      detail:
        'Export access, file, print, removable-media and badge logs and copies of relevant mailboxes within the ' +
        'approved scope. The evidence may end up in court or a dismissal case, so hash and log every item.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['hashes of collected items', 'where they are stored', 'custody log'],
    },
    {
      id: 'what-was-taken',
      phase: 'investigate',
      title: 'Establish what the person accessed, changed or took',
      detail:
        'Files and databases accessed outside their role, download volume, copies to removable media, uploads to ' +
        'personal cloud storage, mail to private addresses, printing.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['files and databases accessed', 'volume and where it went', 'time window'],
    },
    {
      id: 'list-access',
      phase: 'investigate',
      title: 'List all the person’s accesses, including to customer solutions',
      detail:
        'Personal and shared accounts, keys, tokens, VPN, remote access, admin consoles, physical access, and the ' +
        'network openings those give to other solutions.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['accesses listed', 'shared secrets the person knew'],
    },
    {
      id: 'revoke-access',
      phase: 'contain',
      title: 'Revoke access at the agreed moment',
      detail:
        'Time it with HR (usually during the conversation with the person) and revoke everything at once, including ' +
        'badges and remote sessions. Access to customer systems is revoked on the customer’s instruction.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      due: { from: 'dp1', after: { hours: 2 } },
      record: ['time of revocation', 'accesses revoked'],
    },
    {
      id: 'rotate-shared-secrets',
      phase: 'contain',
      title: 'Rotate shared secrets the person knew',
      detail: 'Shared admin passwords, service credentials, API keys, alarm codes. For customer systems, on their instruction.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      due: { from: 'dp1', after: { days: 1 } },
      record: ['secrets rotated and when'],
    },
    {
      id: 'sabotage-check',
      phase: 'investigate',
      title: 'Look for sabotage and backdoors',
      detail:
        'New or changed accounts, scheduled jobs, code or configuration changes, deleted data and disabled logging. ' +
        'Compare with backups and source control.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['changes found', 'backdoors removed'],
    },
    {
      id: 'published-misused',
      phase: 'investigate',
      title: 'Check whether data has been published or misused',
      detail: 'Watch for the data at competitors, in the press or online, and consider legal remedies to stop further use.',
      role: 'legal',
      needsCustomerInstruction: false,
      record: ['signs of publication or misuse', 'legal steps taken'],
    },
    {
      id: 'assess-personal-data',
      phase: 'communicate',
      title: 'Assess personal data and notification duties',
      detail:
        'Unauthorised access by an employee is a personal data breach when personal data is involved; assess the ' +
        'risk and the GDPR Art. 33 clock.',
      role: 'legal',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { hours: 24 } },
      record: ['personal data involved', 'notification decision and who made it'],
    },
    {
      id: 'decide-consequences',
      phase: 'resolve',
      title: 'Decide on police report and employment measures',
      detail:
        'Management decides, with legal and HR, whether to report to the police and what employment steps follow. ' +
        'Keep the decision and the reasons.',
      role: 'business-management',
      needsCustomerInstruction: false,
      record: ['decision, by whom and why', 'police report reference'],
    },
    {
      id: 'review',
      phase: 'recover',
      title: 'Hold the post-incident review',
      detail:
        'Why the access was possible and unnoticed: least privilege, shared secrets, offboarding, monitoring. Keep the ' +
        'review about controls, not the person.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: [...REVIEW_RECORD],
    },
  ],
};
