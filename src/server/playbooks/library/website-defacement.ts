import type { Playbook } from '../playbook.ts';
import { REVIEW_RECORD } from './review-record.ts';

export const WEBSITE_DEFACEMENT: Playbook = {
  id: 'website-defacement',
  version: 1,
  name: 'Website defacement',
  summary:
    'A website’s content has been changed by an attacker. Capture it, take the site down on the customer’s ' +
    'instruction, find how they got in and restore from a clean backup with the hole closed.',
  categories: ['information-content-security/unauthorised-information-modification', 'intrusions/application-compromise'],
  preserve: [
    'A copy of the defaced pages and of the web server as it is now, before it is restored',
    'Web server and application access logs',
    'CMS audit logs and the list of admin accounts',
    'Web application firewall and CDN logs',
    'The last good backup of the site, untouched',
  ],
  steps: [
    {
      id: 'report-customer',
      phase: 'communicate',
      title: 'Report the defacement to the customer immediately',
      detail: 'Tell the contact point which site, what it shows, since when, and what we propose. Confirm in writing.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { minutes: 30 } },
      record: ['time the customer was told', 'who was told and on which channel'],
    },
    {
      id: 'capture',
      phase: 'contain',
      title: 'Capture the defaced site and secure evidence before changing anything',
      detail:
        'Take screenshots showing address and time, save the page source, copy the web root and database or take a ' +
        'snapshot, and export web-server, application and admin logs. File timestamps matter: do not touch files yet.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      due: { from: 'dp1', after: { hours: 1 } },
      record: ['hashes of screenshots, copies and log exports', 'where they are stored', 'who collected them and when'],
    },
    {
      id: 'take-offline',
      phase: 'contain',
      title: 'Take the site offline or show a maintenance page',
      detail:
        'Propose replacing the site with a static maintenance page served from elsewhere, and act on the customer’s ' +
        'instruction. Keep the compromised server running and isolated for investigation.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      due: { from: 'dp1', after: { hours: 2 } },
      record: ['time the site went offline', 'reference to the customer’s instruction'],
    },
    {
      id: 'find-entry',
      phase: 'investigate',
      title: 'Find how the attacker got in',
      detail:
        'Check content-management system, plugin and framework versions against known vulnerabilities, admin ' +
        'sign-ins, deploy and file-transfer credentials, and which files changed compared with the release in source ' +
        'control.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['entry point and time', 'changed files', 'accounts or credentials used'],
    },
    {
      id: 'web-shells-malware',
      phase: 'investigate',
      title: 'Look for web shells and malware aimed at visitors',
      detail:
        'Scan the copied web root with more than one antivirus toolkit and look for web shells, injected scripts, ' +
        'redirects and payment skimmers. A visible defacement may hide quieter changes.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['scan results per toolkit', 'malicious files and injected code found (hashes)'],
    },
    {
      id: 'data-accessed',
      phase: 'investigate',
      title: 'Check which files and databases the attacker reached',
      detail:
        'Configuration files hold database and service credentials. Check database logs, downloads and the volume ' +
        'transferred, and whether the data has appeared elsewhere.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['files and databases accessed', 'volume transferred', 'credentials exposed'],
    },
    {
      id: 'list-connections',
      phase: 'investigate',
      title: 'List the site’s accesses and network openings to other solutions',
      detail:
        'The web server may be a stepping stone. Give the customer’s IT its connections (databases, internal APIs, ' +
        'admin networks, credentials used) so they can check those systems.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['connection list handed over', 'who received it and when'],
    },
    {
      id: 'find-clean-backup',
      phase: 'investigate',
      title: 'Find a recent clean backup',
      detail:
        'The defacement is not the start of the compromise. Choose a backup taken before the attacker’s first access, ' +
        'or rebuild from source control and restore only content that has been checked.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['time of first attacker access', 'backup chosen and its time', 'content changed since then'],
    },
    {
      id: 'reset-credentials',
      phase: 'resolve',
      title: 'Reset credentials and close the hole',
      detail:
        'Reset admin, database, deploy and hosting-panel credentials and API keys, patch or remove the vulnerable ' +
        'component, and remove unused accounts and plugins.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['credentials reset', 'components patched or removed'],
    },
    {
      id: 'restore',
      phase: 'recover',
      title: 'Restore the site from the clean backup',
      detail:
        'Restore or redeploy with the fix in place, scan again, and check the site before opening it. Agree the time ' +
        'of reopening with the customer.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['backup or release used', 'time the site reopened'],
    },
    {
      id: 'visitor-harm',
      phase: 'communicate',
      title: 'Assess harm to visitors and personal data',
      detail:
        'If forms, accounts or payments were on the site, visitors’ data may have been taken: assess a personal data ' +
        'breach (GDPR Art. 33, 72 hours for the controller) and whether visitors must be warned.',
      role: 'legal',
      needsCustomerInstruction: false,
      due: { from: 'dp2', after: { days: 1 } },
      record: ['personal data exposed', 'notification decision and who made it'],
    },
    {
      id: 'public-statement',
      phase: 'communicate',
      title: 'Prepare a public statement',
      detail:
        'Defacements are public and often shared on social media. Agree with the customer a short factual statement ' +
        'and who answers the press; do not repeat the attacker’s message.',
      role: 'communications',
      needsCustomerInstruction: false,
      due: { from: 'dp2', after: { hours: 8 } },
      record: ['statements issued and when', 'who approved them'],
    },
    {
      id: 'integrity-monitoring',
      phase: 'recover',
      title: 'Monitor the site’s integrity',
      detail: 'Add file integrity and content monitoring, and watch for the attacker returning with the same method.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['monitoring added'],
    },
    {
      id: 'review',
      phase: 'recover',
      title: 'Hold the post-incident review',
      detail: 'What happened, why the vulnerability was there, how fast it was seen, and changes to the plan and this playbook.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: [...REVIEW_RECORD],
    },
  ],
};
