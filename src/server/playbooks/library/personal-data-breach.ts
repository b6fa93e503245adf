import type { Playbook } from '../playbook.ts';
import { REVIEW_RECORD } from './review-record.ts';

export const PERSONAL_DATA_BREACH: Playbook = {
  id: 'personal-data-breach',
  version: 1,
  name: 'Personal data breach',
  summary:
    'Personal data has been, or may have been, accessed, disclosed, changed or lost without authorisation. Stop the ' +
    'exposure, establish what and whose data, and meet the GDPR clocks: 72 hours to the supervisory authority.',
  categories: [
    'information-content-security/data-leak',
    'information-content-security/unauthorised-information-access',
    'information-content-security',
  ],
  preserve: [
    'Access logs of the systems that hold the personal data',
    'Database audit logs (queries, exports, privilege changes)',
    'Download, export and file transfer logs showing how much data left, and where to',
    'Firewall and proxy records of outbound traffic in the incident period',
    'Logs of the accounts involved (sign-ins, permission changes)',
  ],
  steps: [
    {
      id: 'notify-controller',
      phase: 'communicate',
      title: 'Notify the customer (the controller) immediately',
      detail:
        'As processor we must tell the controller without undue delay (GDPR Art. 33(2)). Tell the contact point and ' +
        'the data protection officer what is known, what is not yet known and when the next update comes.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { hours: 12 } },
      record: ['time the customer and the data protection officer were told', 'channel used', 'what was reported'],
    },
    {
      id: 'record-awareness',
      phase: 'investigate',
      title: 'Record the moment of awareness',
      detail:
        'The 72-hour clock runs from when there is reasonable certainty that personal data was affected, not from ' +
        'when the investigation ends. Record it and the reasoning, as a decision.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: ['time of awareness and why', 'who decided'],
    },
    {
      id: 'secure-evidence',
      phase: 'contain',
      title: 'Secure logs and evidence before changing anything',
      detail:
        'Export access, application, database audit and download logs before they rotate, and extend retention. ' +
        'Take a copy of the exposed configuration or resource as it is. Store copies where only responders can read them.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      due: { from: 'dp1', after: { hours: 2 } },
      record: ['hashes of log exports and copies', 'where each item is stored', 'who collected it and when'],
    },
    {
      id: 'stop-exposure',
      phase: 'contain',
      title: 'Stop the ongoing exposure',
      detail:
        'Propose the smallest change that stops it: close the public share or bucket, revoke the leaked link, disable ' +
        'the compromised account or key, block the abused endpoint. Act on the customer’s instruction; if data keeps ' +
        'leaking and no answer comes, override only with a recorded reason.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      due: { from: 'dp1', after: { hours: 1 } },
      record: ['time the exposure stopped', 'what was changed', 'reference to the customer’s instruction or override reason'],
    },
    {
      id: 'what-data',
      phase: 'investigate',
      title: 'Establish which files and databases were accessed',
      detail:
        'List the files, tables and fields involved, whose data it is and how many people. Flag special categories ' +
        '(health, ethnicity, beliefs), national identity numbers, financial data, children’s data and credentials.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: [
        'files, tables and fields involved',
        'categories and approximate number of data subjects',
        'special categories involved',
      ],
    },
    {
      id: 'volume-taken',
      phase: 'investigate',
      title: 'Use download and access logs to estimate what was taken',
      detail:
        'From access and download logs, establish the exposure window, who accessed the data, how many records were ' +
        'read and the volume transferred. Separate confirmed access from possible access.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['exposure window', 'accessing addresses or accounts', 'records read and volume transferred'],
    },
    {
      id: 'published-misused',
      phase: 'investigate',
      title: 'Check whether data has been published or misused',
      detail:
        'Search leak sites, paste sites and forums for the data, and watch for signs of misuse: targeted phishing of ' +
        'data subjects, fraud, account takeover. Ask for removal where data has been published.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['where data was found published', 'removal requests', 'signs of misuse'],
    },
    {
      id: 'list-connections',
      phase: 'investigate',
      title: 'List the solution’s accesses and network openings to other solutions',
      detail:
        'If an attacker reached the data, the solution may be a stepping stone. Give the customer’s IT the connections ' +
        'from the affected service (target, direction, protocol and port, credential, purpose) so they can check them.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['connection list handed over', 'who received it and when'],
    },
    {
      id: 'assess-risk',
      phase: 'investigate',
      title: 'Assess the risk to the data subjects',
      detail:
        'Weigh likelihood and severity of harm: identity theft, fraud, discrimination, damage to reputation, loss of ' +
        'confidentiality. Encrypted data with a safe key lowers the risk. Risk means notifying the authority; high ' +
        'risk also means telling the data subjects.',
      role: 'legal',
      needsCustomerInstruction: false,
      record: ['risk assessment and reasoning', 'determination: risk / high risk / unlikely to result in risk'],
    },
    {
      id: 'notify-authority',
      phase: 'communicate',
      title: 'Support the notification to the supervisory authority within 72 hours',
      detail:
        'The controller notifies; we supply facts. Include the nature of the breach, categories and numbers, the data ' +
        'protection officer’s contact, likely consequences and measures taken. If facts are missing, notify in phases ' +
        'rather than late.',
      role: 'legal',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { hours: 48 } },
      record: ['time of submission', 'authority reference', 'content submitted'],
    },
    {
      id: 'notify-data-subjects',
      phase: 'communicate',
      title: 'Tell the data subjects if the risk is high',
      detail:
        'In plain language: what happened, what data, likely consequences, what we do and what they can do (change ' +
        'passwords, watch for phishing). The controller decides and signs; prepare the text and the channel.',
      role: 'communications',
      needsCustomerInstruction: true,
      due: { from: 'dp2', after: { days: 3 } },
      record: ['message sent and to how many', 'time and channel', 'who approved it'],
    },
    {
      id: 'invalidate-secrets',
      phase: 'resolve',
      title: 'Invalidate exposed credentials and secrets',
      detail:
        'If passwords, tokens, keys or session identifiers were in the data, force resets and revoke them. For the ' +
        'customer’s users and systems, act on their instruction.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['credentials and secrets invalidated', 'time of reset'],
    },
    {
      id: 'fix-cause',
      phase: 'resolve',
      title: 'Fix the cause and test the fix',
      detail:
        'Correct the access control, configuration or code that allowed the breach, and prove with a test that the ' +
        'data can no longer be reached. Look for the same flaw in other services.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['cause', 'change made and when', 'how the fix was verified'],
    },
    {
      id: 'breach-register',
      phase: 'recover',
      title: 'Record the breach in the breach register',
      detail:
        'GDPR Art. 33(5) requires documenting every breach, including those not notified: facts, effects and ' +
        'remedial action, and the reasons for not notifying.',
      role: 'scribe',
      needsCustomerInstruction: false,
      record: ['register entry reference'],
    },
    {
      id: 'review',
      phase: 'recover',
      title: 'Hold the post-incident review',
      detail:
        'What happened, what went well and badly, whether the 72-hour clock was met, root causes, and the changes to ' +
        'this playbook and the contingency plan.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: [...REVIEW_RECORD],
    },
  ],
};
