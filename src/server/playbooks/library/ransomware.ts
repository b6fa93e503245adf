import type { Playbook } from '../playbook.ts';
import { REVIEW_RECORD } from './review-record.ts';

export const RANSOMWARE: Playbook = {
  id: 'ransomware',
  version: 1,
  name: 'Ransomware',
  summary:
    'Files or systems are encrypted and a ransom is demanded, often after data has been stolen. Contain the spread, ' +
    'protect the backups, find out what was taken and restore from a clean copy on the customer’s instruction.',
  categories: ['malicious-code/infected-system', 'availability/sabotage'],
  preserve: [
    'Disk images of the encrypted and affected hosts, taken before anything is wiped or rebuilt',
    'Memory images of affected hosts that are still running, taken before they are shut down',
    'The ransom note and a few encrypted sample files',
    'EDR and antivirus logs and alerts from all hosts, covering at least the last 30 days',
    'Firewall and web proxy logs covering at least the last 30 days',
    'VPN and remote-access (RDP, Citrix, remote support tools) logs',
    'Domain controller and authentication logs (logins, new accounts, group changes)',
    'Backups as they are now, untouched and kept offline: do not restore over them or let them rotate',
  ],
  steps: [
    {
      id: 'report-customer',
      phase: 'communicate',
      title: 'Report the attack to the customer immediately',
      detail:
        'Call the customer’s contact point now, before the facts are clear: what was seen, when, which solution, and ' +
        'what we propose to do next. Do not wait for the assessment to finish. Confirm in writing on the agreed channel.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { minutes: 30 } },
      record: ['time the customer was told', 'who was told and on which channel', 'what we proposed'],
    },
    {
      id: 'switch-channels',
      phase: 'communicate',
      title: 'Move coordination to channels outside the affected environment',
      detail:
        'Assume e-mail, chat and the user directory may be in the attacker’s hands or about to be encrypted. Coordinate ' +
        'responders through the PACE plan and declare any channel that runs on affected infrastructure compromised. ' +
        'Do not discuss the response where the attacker can read it.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { hours: 1 } },
      record: ['channels declared compromised', 'PACE level in use and when it changed'],
    },
    {
      id: 'secure-evidence',
      phase: 'contain',
      title: 'Secure evidence before changing anything',
      detail:
        'Do not power off or reboot affected machines: memory holds keys, processes and network connections. ' +
        'Photograph the ransom note and screens, export logs from central logging, firewalls and hypervisors to storage ' +
        'the attacker cannot reach, and take memory images or snapshots of systems we operate. Ask the customer to do ' +
        'the same for the systems they run.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      due: { from: 'dp1', after: { hours: 2 } },
      record: ['hashes of collected images and log exports', 'where each item is stored', 'who collected it and when'],
    },
    {
      id: 'isolate',
      phase: 'contain',
      title: 'Isolate affected systems from the network',
      detail:
        'Propose which hosts and network segments to cut off and act on the customer’s instruction. Isolate at the ' +
        'network (switch port, security group, firewall rule) and keep machines powered on. Block outbound traffic to ' +
        'known attacker addresses. Suspend synchronisation to shared drives and cloud storage so encrypted files do ' +
        'not overwrite good copies.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      due: { from: 'dp1', after: { hours: 1 } },
      record: ['time of isolation', 'hosts and segments isolated', 'reference to the customer’s instruction'],
    },
    {
      id: 'protect-backups',
      phase: 'contain',
      title: 'Protect the backups',
      detail:
        'Attackers delete or encrypt backups first. Check that the backup system and its credentials are not among ' +
        'those compromised, pause retention jobs that would expire older copies, and verify that the latest copies ' +
        'are readable and not encrypted. Keep at least one copy offline or immutable.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      due: { from: 'dp1', after: { hours: 2 } },
      record: ['last known good backup per system and its time', 'result of the integrity check', 'retention jobs paused'],
    },
    {
      id: 'list-connections',
      phase: 'investigate',
      title: 'List the solution’s accesses and network openings to other solutions',
      detail:
        'Ransomware spreads sideways, and the encrypted solution may only be a stepping stone. Give the customer’s IT ' +
        'every connection from the affected services: target, direction, protocol and port, account or credential ' +
        'used, and purpose, so they can check those systems for signs of attack.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      due: { from: 'dp1', after: { hours: 4 } },
      record: ['connection list handed over', 'who received it and when'],
    },
    {
      id: 'find-entry-and-scope',
      phase: 'investigate',
      title: 'Find the initial access and every affected host',
      detail:
        'Work out how the attacker got in (exposed remote access, phishing, unpatched service, stolen credentials) ' +
        'and when. List every encrypted host, the accounts the attacker used, and the variant from the note and file ' +
        'extension. Do not upload samples or notes to public analysis services: they may warn the attacker.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: [
        'initial access vector and time',
        'affected hosts',
        'variant indicators (hashes, file extension, note)',
        'accounts used by the attacker',
      ],
    },
    {
      id: 'check-exfiltration',
      phase: 'investigate',
      title: 'Check whether data was taken before encryption',
      detail:
        'Most ransomware groups steal data first and threaten to publish it. Review firewall, proxy and download logs ' +
        'for unusual outbound volume, archiving tools and uploads to file-sharing services in the days before ' +
        'encryption. Establish which files and databases were accessed and watch the group’s leak site.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: [
        'files and databases accessed',
        'estimated volume taken and which logs show it',
        'whether data has been published',
      ],
    },
    {
      id: 'assess-personal-data',
      phase: 'communicate',
      title: 'Assess personal data and notification duties',
      detail:
        'Encrypted or stolen personal data is a personal data breach; loss of availability counts too. As processor, ' +
        'notify the controller without undue delay; the controller has 72 hours from awareness to notify the ' +
        'supervisory authority (GDPR Art. 33). Check NIS2, sector and contractual reporting duties as well.',
      role: 'legal',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { hours: 24 } },
      record: [
        'categories of personal data and approximate number of data subjects',
        'time of awareness',
        'notification decision and who made it',
      ],
    },
    {
      id: 'no-attacker-contact',
      phase: 'communicate',
      title: 'Do not contact the attacker or pay without the customer’s decision',
      detail:
        'Contact, negotiation and payment are the customer’s decision, taken with legal advice (sanctions rules may ' +
        'forbid payment) and with law enforcement informed. Do not answer the note, open its links or use its ' +
        'contact details on our own initiative.',
      role: 'incident-manager',
      needsCustomerInstruction: true,
      due: { from: 'dp1', after: { hours: 4 } },
      record: ['the customer’s decision and who made it', 'legal advice received'],
    },
    {
      id: 'remove-access',
      phase: 'resolve',
      title: 'Reset credentials and remove the attacker’s footholds',
      detail:
        'Once contained, reset passwords, keys and tokens for privileged, service and backup accounts, including the ' +
        'keys that sign authentication tokens. Remove persistence: new accounts, scheduled tasks, services and ' +
        'remote-access tools. Do it in one coordinated move agreed with the customer so the attacker is not warned early.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['accounts and keys reset, and when', 'persistence found and removed'],
    },
    {
      id: 'rebuild-restore',
      phase: 'recover',
      title: 'Rebuild and restore from a clean backup',
      detail:
        'Rebuild affected systems from known-good images rather than cleaning them. Restore data from a backup taken ' +
        'before the initial access, into an isolated network first, and scan it with more than one antivirus toolkit ' +
        'before reconnecting. Restore in the order of priority the customer decides.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['backup used and its time', 'scan results per toolkit', 'time each service was restored'],
    },
    {
      id: 'watch-for-return',
      phase: 'recover',
      title: 'Watch for the attacker’s return',
      detail:
        'Add the incident’s observables to monitoring, raise logging on rebuilt systems and watch closely for several ' +
        'weeks. Attackers often come back through an access that was missed.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['observables added to monitoring', 'monitoring period agreed'],
    },
    {
      id: 'public-messages',
      phase: 'communicate',
      title: 'Prepare messages for staff, users and the press',
      detail:
        'Agree with the customer who speaks and what is said. Prepare holding statements early: the attacker may ' +
        'contact the press, partners or data subjects to raise the pressure. Say what is known, not what is hoped.',
      role: 'communications',
      needsCustomerInstruction: false,
      due: { from: 'dp2', after: { hours: 8 } },
      record: ['statements issued, to whom and when', 'who approved each statement'],
    },
    {
      id: 'report-police',
      phase: 'communicate',
      title: 'Recommend a police report',
      detail:
        'Ransomware is a crime. Recommend that the customer reports it to the police and offer the evidence list and ' +
        'observables; the police may know the group and have decryption keys.',
      role: 'legal',
      needsCustomerInstruction: false,
      due: { from: 'dp2', after: { days: 2 } },
      record: ['police report reference', 'evidence handed over'],
    },
    {
      id: 'review',
      phase: 'recover',
      title: 'Hold the post-incident review',
      detail:
        'Within two weeks of recovery: what happened, what went well and badly, root causes (how did they get in, why ' +
        'did it spread, were backups usable), and the changes to this playbook and the contingency plan.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: [...REVIEW_RECORD],
    },
  ],
};
