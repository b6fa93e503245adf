import type { Playbook } from '../playbook.ts';
import { REVIEW_RECORD } from './review-record.ts';

export const PHISHING: Playbook = {
  id: 'phishing-credential-theft',
  version: 1,
  name: 'Phishing and credential theft',
  summary:
    'Deceptive messages lure users into giving away credentials, approving sign-ins or opening attachments. Find who ' +
    'was hit, cut the attacker out of the accounts and check what they did with them.',
  categories: [
    'fraud/phishing',
    'information-gathering/social-engineering',
    'intrusions/unprivileged-account-compromise',
    'intrusions/privileged-account-compromise',
    'fraud/masquerade',
  ],
  preserve: [
    'The phishing messages as received, with full headers (forwarded as attachments, not inline)',
    'The mailboxes of the people who received or answered the message, as they are now',
    'Mail gateway and spam filter logs for the sending addresses and domains',
    'Sign-in logs of the identity provider (e.g. Entra ID / Azure AD, Google Workspace) for the affected accounts',
    'Mailbox audit logs, forwarding rules and inbox rules of the affected accounts',
    'Web proxy and DNS logs showing visits to the phishing site',
  ],
  steps: [
    {
      id: 'report-customer',
      phase: 'communicate',
      title: 'Report to the customer immediately if their users or systems are involved',
      detail:
        'Tell the contact point what the message looks like, who received it, whether anyone entered credentials and ' +
        'which accounts give access to the customer’s solutions. Confirm on the agreed channel.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { minutes: 30 } },
      record: ['time the customer was told', 'who was told and on which channel'],
    },
    {
      id: 'secure-message',
      phase: 'investigate',
      title: 'Secure the message with its full headers',
      detail:
        'Save the original message as a file with all headers; do not forward it inline, which strips them. Extract ' +
        'sender, reply-to, sending servers, links and attachment hashes without opening links on a normal workstation.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['hash of the saved message', 'sender, subject and time received', 'links, domains and attachment hashes'],
    },
    {
      id: 'find-recipients',
      phase: 'investigate',
      title: 'Find every recipient and who interacted',
      detail:
        'Search mail logs for the same sender, subject, links or attachment. Use proxy and DNS logs to find clicks, and ' +
        'sign-in logs to find credentials entered or sign-in prompts approved shortly after a click.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['recipients', 'who clicked', 'who entered credentials, approved a prompt or opened an attachment'],
    },
    {
      id: 'reset-accounts',
      phase: 'contain',
      title: 'Reset affected accounts and revoke their sessions',
      detail:
        'Reset passwords, revoke sessions and refresh tokens, and remove any multi-factor method or app consent the ' +
        'attacker added. Stolen session cookies survive a password change, so revoking sessions is not optional. ' +
        'For the customer’s accounts, act on their instruction.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      due: { from: 'dp1', after: { hours: 1 } },
      record: ['accounts reset and time of reset', 'sessions revoked', 'multi-factor methods and app consents removed'],
    },
    {
      id: 'purge-and-block',
      phase: 'contain',
      title: 'Remove the message from mailboxes and block its indicators',
      detail:
        'Delete the message from every mailbox that received it and block the sender, domains and links at the mail ' +
        'gateway, proxy and DNS resolver. On the customer’s systems, propose the list and act on their instruction.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      due: { from: 'dp1', after: { hours: 2 } },
      record: ['mailboxes cleaned', 'indicators blocked and where', 'time of blocking'],
    },
    {
      id: 'account-activity',
      phase: 'investigate',
      title: 'Review what the compromised accounts did',
      detail:
        'Look for sign-ins from unusual places, new mailbox rules (forwarding, auto-delete), mail sent by the attacker, ' +
        'files and databases opened or downloaded and how much, and changes to multi-factor methods or permissions.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['attacker sign-ins (time, address)', 'mailbox rules found', 'files and databases accessed', 'download volume'],
    },
    {
      id: 'list-connections',
      phase: 'investigate',
      title: 'List what the stolen credentials give access to',
      detail:
        'Single sign-on and reused passwords carry the attacker further. List the solutions, accesses and network ' +
        'openings the affected accounts reach, including other customers’ systems, so each owner can check for misuse.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['systems reachable with the affected accounts', 'owners informed and when'],
    },
    {
      id: 'check-attachments',
      phase: 'investigate',
      title: 'Check endpoints where an attachment or download was opened',
      detail:
        'Scan those endpoints with more than one antivirus toolkit and look for new processes, startup entries and ' +
        'outbound connections. If anything is found, follow the endpoint malware playbook.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['endpoints checked', 'scan results per toolkit'],
    },
    {
      id: 'payment-fraud',
      phase: 'investigate',
      title: 'Check for payment and invoice fraud',
      detail:
        'Attackers use a mailbox to change bank details or send false invoices. Check sent mail and recent payment ' +
        'changes; confirm any pending change by phone on a known number, and ask the bank to stop suspect payments.',
      role: 'finance',
      needsCustomerInstruction: false,
      record: ['payment requests sent from the accounts', 'payments stopped or recalled'],
    },
    {
      id: 'warn-users',
      phase: 'communicate',
      title: 'Warn users and partners',
      detail:
        'Describe the message and how to report it, through a channel the attacker does not control. If the account ' +
        'sent phishing or fraud to outsiders, warn them by phone or from a clean channel.',
      role: 'communications',
      needsCustomerInstruction: false,
      due: { from: 'dp1', after: { hours: 4 } },
      record: ['warnings sent, to whom and when', 'external parties contacted'],
    },
    {
      id: 'assess-personal-data',
      phase: 'communicate',
      title: 'Assess personal data and notification duties',
      detail:
        'Mailboxes and file shares nearly always hold personal data. If the attacker could read them, assess the ' +
        'breach; as processor, notify the controller without undue delay (GDPR Art. 33: 72 hours for the controller).',
      role: 'legal',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { hours: 24 } },
      record: ['personal data exposed', 'notification decision and who made it'],
    },
    {
      id: 'takedown',
      phase: 'resolve',
      title: 'Have the phishing site taken down',
      detail:
        'Report the site to its hosting provider and domain registrar, to the national CERT and to browser block lists. ' +
        'Keep a copy of the page first for evidence.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['copy of the page and its hash', 'takedown requests and references', 'time the site went down'],
    },
    {
      id: 'harden',
      phase: 'resolve',
      title: 'Close the gap that let it work',
      detail:
        'Propose phishing-resistant multi-factor authentication, limits on sign-in prompts, external-sender warnings ' +
        'and restrictions on app consents, as fits what happened.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['measures proposed and accepted'],
    },
    {
      id: 'review',
      phase: 'recover',
      title: 'Hold the post-incident review',
      detail:
        'What happened, what went well and badly, why the message got through and why it was believed; turn lessons ' +
        'into actions and awareness material. Thank the people who reported it.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: [...REVIEW_RECORD],
    },
  ],
};
