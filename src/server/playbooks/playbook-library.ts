import type { Playbook } from './playbook.ts';

// The built-in playbooks. Customers copy and adapt them into their contingency plans; a review that changes a
// playbook produces a new version. Steps follow the sources: report attacks to the customer immediately, secure
// information and evidence before changing anything, and wait for the customer's instruction before acting on
// their systems (needsCustomerInstruction). Coordination assumes e-mail and chat may be compromised (PACE).

const REVIEW_RECORD = ['date of the review and who took part', 'lessons learned', 'action items with owners and due dates'];

export const RANSOMWARE: Playbook = {
  id: 'ransomware',
  version: 1,
  name: 'Ransomware',
  summary:
    'Files or systems are encrypted and a ransom is demanded, often after data has been stolen. Contain the spread, ' +
    'protect the backups, find out what was taken and restore from a clean copy on the customer’s instruction.',
  categories: ['malicious-code/infected-system', 'availability/sabotage'],
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

export const DDOS: Playbook = {
  id: 'ddos',
  version: 1,
  name: 'Distributed denial of service (DDoS)',
  summary:
    'A flood of traffic or requests makes a service slow or unavailable. Confirm it is an attack, bring in the ' +
    'agreed protection, keep users informed through independent channels and watch for what the noise may hide.',
  categories: ['availability/ddos', 'availability/dos'],
  steps: [
    {
      id: 'report-customer',
      phase: 'communicate',
      title: 'Report the attack to the customer immediately',
      detail:
        'Tell the contact point which service is affected, since when, how badly, and which mitigation we propose. ' +
        'Agree the next update time.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      record: ['time the customer was told', 'who was told and on which channel'],
    },
    {
      id: 'confirm-attack',
      phase: 'investigate',
      title: 'Confirm it is an attack, not a failure or a legitimate peak',
      detail:
        'Look at traffic shape, number and spread of sources, protocols, request patterns and whether a campaign or ' +
        'news event explains the load. A broken client or a dependency failure can look like an attack.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['start time', 'peak rates (bits, packets, requests per second)', 'attack type and targets'],
    },
    {
      id: 'secure-evidence',
      phase: 'investigate',
      title: 'Capture traffic samples and graphs',
      detail:
        'Save flow records, a short packet capture, load-balancer and web-server logs and monitoring graphs before they ' +
        'roll over. They are needed for the upstream provider, the police and the review.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['hashes of captures and log exports', 'where they are stored'],
    },
    {
      id: 'agreed-filtering',
      phase: 'contain',
      title: 'Apply the filtering and rate limits agreed in the plan',
      detail:
        'Use the measures the contingency plan already allows: rate limits, blocking clearly malicious sources, ' +
        'caching, challenge pages, turning off expensive features. Anything beyond that goes to the customer first.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['measures applied and when', 'effect on attack traffic and on legitimate users'],
    },
    {
      id: 'upstream-protection',
      phase: 'contain',
      title: 'Bring in upstream or scrubbing protection',
      detail:
        'Ask the hosting provider or network operator to filter upstream, or route traffic through a scrubbing ' +
        'service. This may change routing, costs and who sees the traffic, so do it on the customer’s instruction.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['provider case reference', 'time protection became active', 'reference to the customer’s instruction'],
    },
    {
      id: 'drastic-measures',
      phase: 'contain',
      title: 'Decide on measures that also block legitimate users',
      detail:
        'Geo-blocking, closing the service to the internet or moving it to another address affect real users. ' +
        'Propose them with the trade-off and wait for the customer’s decision.',
      role: 'incident-manager',
      needsCustomerInstruction: true,
      record: ['measure proposed', 'customer decision and who made it'],
    },
    {
      id: 'look-behind-the-noise',
      phase: 'investigate',
      title: 'Look for an intrusion hidden behind the attack',
      detail:
        'A DDoS can be a diversion. Review authentication logs, security alerts and changes during the attack ' +
        'window, and keep normal monitoring staffed.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['logs and alerts reviewed', 'anything suspicious found'],
    },
    {
      id: 'check-own-participation',
      phase: 'investigate',
      title: 'Check that our systems are not part of attacks on others',
      detail:
        'Check for open resolvers, reflection services and compromised hosts sending traffic. List the solution’s ' +
        'network openings so the customer’s IT can check dependent systems too.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['services checked', 'amplifiers or participating hosts found'],
    },
    {
      id: 'extortion',
      phase: 'communicate',
      title: 'Hand any extortion demand to the customer unanswered',
      detail:
        'Ransom demands often come with or before an attack. Do not reply or pay; secure the message and let the ' +
        'customer decide with legal advice and the police.',
      role: 'incident-manager',
      needsCustomerInstruction: true,
      record: ['demand received (copy and hash)', 'customer decision'],
    },
    {
      id: 'status-updates',
      phase: 'communicate',
      title: 'Keep users informed through channels that do not depend on the service',
      detail:
        'Use a status page hosted elsewhere and the PACE channels; a status page on the attacked infrastructure will be ' +
        'down too. Give a next-update time and keep it.',
      role: 'communications',
      needsCustomerInstruction: false,
      record: ['updates published and when'],
    },
    {
      id: 'assess-disruption',
      phase: 'investigate',
      title: 'Assess the service disruption',
      detail:
        'Duration, users and transactions affected, service-level breaches and costs. These decide whether NIS2, ' +
        'sector or contractual reporting applies.',
      role: 'business-management',
      needsCustomerInstruction: false,
      record: ['downtime and degraded time', 'users and transactions affected', 'estimated costs'],
    },
    {
      id: 'reporting-duties',
      phase: 'communicate',
      title: 'Check reporting duties and report to the police',
      detail:
        'A significant disruption may trigger NIS2 (24-hour early warning) or sector rules. Recommend a police report ' +
        'with the captured evidence.',
      role: 'legal',
      needsCustomerInstruction: false,
      record: ['duties assessed', 'reports submitted and references'],
    },
    {
      id: 'permanent-protection',
      phase: 'resolve',
      title: 'Make the protection permanent',
      detail:
        'Propose always-on protection, hiding or changing origin addresses that leaked, more capacity or caching, and ' +
        'a tested runbook. These cost money and change architecture, so the customer decides.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['measures proposed and accepted'],
    },
    {
      id: 'stand-down',
      phase: 'recover',
      title: 'Stand down gradually',
      detail:
        'Attacks come in waves. Keep mitigation in place for an agreed period after traffic returns to normal and ' +
        'relax it step by step.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['time service was back to normal', 'time mitigation was relaxed'],
    },
    {
      id: 'review',
      phase: 'recover',
      title: 'Hold the post-incident review',
      detail: 'What happened, how fast mitigation worked, what users experienced, and changes to the plan and this playbook.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: [...REVIEW_RECORD],
    },
  ],
};

export const WEBSITE_DEFACEMENT: Playbook = {
  id: 'website-defacement',
  version: 1,
  name: 'Website defacement',
  summary:
    'A website’s content has been changed by an attacker. Capture it, take the site down on the customer’s ' +
    'instruction, find how they got in and restore from a clean backup with the hole closed.',
  categories: ['information-content-security/unauthorised-information-modification', 'intrusions/application-compromise'],
  steps: [
    {
      id: 'report-customer',
      phase: 'communicate',
      title: 'Report the defacement to the customer immediately',
      detail: 'Tell the contact point which site, what it shows, since when, and what we propose. Confirm in writing.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
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

export const ENDPOINT_MALWARE: Playbook = {
  id: 'endpoint-malware',
  version: 1,
  name: 'Malware on an endpoint',
  summary:
    'A laptop, workstation or server shows signs of malicious code. Cut it off without destroying evidence, find out ' +
    'what the malware did and which credentials and accesses it exposed, and rebuild.',
  categories: ['malicious-code/infected-system', 'malicious-code'],
  steps: [
    {
      id: 'report-customer',
      phase: 'communicate',
      title: 'Tell the customer immediately if the endpoint reaches their solutions',
      detail:
        'An infected administrator laptop is an attack on every solution it can reach. Tell those customers’ contact ' +
        'points what was found and what we propose.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      record: ['customers told, when and on which channel'],
    },
    {
      id: 'disconnect',
      phase: 'contain',
      title: 'Disconnect the endpoint from the network and keep it powered on',
      detail:
        'Isolate it with endpoint security tooling or by unplugging the network and turning off wireless. Do not shut ' +
        'it down, reinstall or run cleaning tools yet. For a customer’s machine, act on their instruction.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['time of isolation', 'how it was isolated'],
    },
    {
      id: 'secure-evidence',
      phase: 'investigate',
      title: 'Secure a memory image, a disk image and logs',
      detail:
        'Capture memory first, then the disk, and export endpoint security and system logs. Work on copies, never on ' +
        'the original.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['hashes of collected images', 'where they are stored', 'who collected them and when'],
    },
    {
      id: 'identify-malware',
      phase: 'investigate',
      title: 'Identify the malware and what it does',
      detail:
        'Scan the disk image with more than one antivirus toolkit; one will miss what another finds. Note processes, ' +
        'persistence, command-and-control addresses and files dropped. Do not upload samples to public services when ' +
        'the case is TLP-restricted.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['scan results per toolkit', 'malware hashes and names', 'command-and-control addresses', 'persistence found'],
    },
    {
      id: 'how-it-arrived',
      phase: 'investigate',
      title: 'Find how it arrived',
      detail:
        'E-mail attachment, download, removable media, a vulnerable service or a compromised update. The route tells ' +
        'you who else received it.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['infection route and time'],
    },
    {
      id: 'hunt',
      phase: 'investigate',
      title: 'Search other endpoints for the same indicators',
      detail: 'Search endpoint, proxy and DNS logs for the hashes and addresses found. Treat each hit as a new affected host.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['hosts checked', 'other infected hosts found'],
    },
    {
      id: 'list-connections',
      phase: 'investigate',
      title: 'List what the endpoint and its user can reach',
      detail:
        'VPN profiles, remote-access keys, admin consoles, stored passwords and network openings to customer ' +
        'solutions. Give each customer’s IT the list so they can check for misuse.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['accesses and network openings listed', 'owners informed and when'],
    },
    {
      id: 'data-accessed',
      phase: 'investigate',
      title: 'Check what data was on or reached from the endpoint',
      detail:
        'Local and synced files, mail, databases queried; use proxy and firewall logs to see whether data left and how much.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['data on or reached from the endpoint', 'volume sent out'],
    },
    {
      id: 'reset-credentials',
      phase: 'contain',
      title: 'Reset credentials used on the endpoint',
      detail:
        'Assume every password, browser session, key and token on the machine is stolen. Reset them from a clean ' +
        'device, starting with privileged ones; for the customer’s accounts and keys, act on their instruction.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['credentials, keys and tokens reset and when'],
    },
    {
      id: 'block-indicators',
      phase: 'contain',
      title: 'Block the malware’s indicators',
      detail:
        'Block hashes and command-and-control addresses in the security tools we run, and give the same list to ' +
        'customers for their own.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['indicators blocked and where'],
    },
    {
      id: 'reinstall',
      phase: 'resolve',
      title: 'Wipe and reinstall the endpoint',
      detail:
        'Cleaning is not trustworthy. After evidence is secured, wipe and reinstall from a known-good image. For a ' +
        'customer’s machine, on their instruction.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['time of wipe', 'image used'],
    },
    {
      id: 'restore-data',
      phase: 'recover',
      title: 'Restore the user’s data from backup',
      detail:
        'Restore from a backup taken before the infection, scan it with more than one antivirus toolkit and hand the ' +
        'machine back only when checks pass.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['backup used and its time', 'scan results per toolkit', 'time handed back'],
    },
    {
      id: 'assess-personal-data',
      phase: 'communicate',
      title: 'Assess personal data and notification duties',
      detail:
        'If personal data was on the endpoint or reachable from it and may have been taken, assess a personal data ' +
        'breach (GDPR Art. 33: as processor, tell the controller without undue delay).',
      role: 'legal',
      needsCustomerInstruction: false,
      record: ['personal data exposed', 'notification decision and who made it'],
    },
    {
      id: 'review',
      phase: 'recover',
      title: 'Hold the post-incident review',
      detail: 'How it got in, why it was not stopped, how fast it was seen, and changes to the plan and this playbook.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: [...REVIEW_RECORD],
    },
  ],
};

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
      record: ['time of revocation', 'accesses revoked'],
    },
    {
      id: 'rotate-shared-secrets',
      phase: 'contain',
      title: 'Rotate shared secrets the person knew',
      detail: 'Shared admin passwords, service credentials, API keys, alarm codes. For customer systems, on their instruction.',
      role: 'it-operations',
      needsCustomerInstruction: true,
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

export const LOST_DEVICE: Playbook = {
  id: 'lost-stolen-device',
  version: 1,
  name: 'Lost or stolen device',
  summary:
    'A laptop, phone, removable drive or token is missing. Lock it and cut its access fast, establish what data and ' +
    'accesses it held and whether it was encrypted, and decide on wiping.',
  categories: ['intrusions/burglary', 'information-content-security/data-loss'],
  steps: [
    {
      id: 'get-facts',
      phase: 'investigate',
      title: 'Get the facts from the owner at once',
      detail:
        'Which device, when and where it was last seen, whether it was locked and switched off, what was stored and ' +
        'synced on it, and which accounts and customer solutions were signed in.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['device and serial number', 'when and where last seen', 'lock and power state', 'accounts signed in'],
    },
    {
      id: 'remote-lock',
      phase: 'contain',
      title: 'Lock the device remotely and mark it lost',
      detail: 'Locking keeps the data and the chance of recovery. Use device management to lock it and show a contact message.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['time of lock command', 'time lock confirmed'],
    },
    {
      id: 'inform-customer',
      phase: 'communicate',
      title: 'Inform the customer if the device held their data or access',
      detail: 'Tell the contact point what the device could reach and what we propose to revoke.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      record: ['time the customer was told', 'who was told'],
    },
    {
      id: 'revoke-access',
      phase: 'contain',
      title: 'Revoke the device’s sessions, certificates and keys',
      detail:
        'Sign the device out of all services, revoke its VPN certificate, remote-access keys and tokens, and reset ' +
        'passwords stored on it. For customer systems, act on their instruction.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['sessions, certificates and keys revoked', 'time of revocation'],
    },
    {
      id: 'decide-wipe',
      phase: 'contain',
      title: 'Decide on a remote wipe',
      detail:
        'A wipe ends the chance of recovering the device and its evidence. Decide with the owner and, when it holds ' +
        'customer data, on the customer’s instruction.',
      role: 'incident-manager',
      needsCustomerInstruction: true,
      record: ['decision and who made it', 'time of wipe command', 'time wipe confirmed'],
    },
    {
      id: 'encryption-status',
      phase: 'investigate',
      title: 'Verify encryption and lock status from management records',
      detail:
        'Check the device’s last report: full-disk encryption on, screen lock, operating system patched. A strongly ' +
        'encrypted device that was switched off is a much smaller risk than one left unlocked.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['encryption state at last check-in', 'time of last check-in'],
    },
    {
      id: 'data-on-device',
      phase: 'investigate',
      title: 'Establish what data was on the device',
      detail:
        'Local files, synced folders, mail caches, source code, credentials and customer data. Flag personal data ' +
        'and confidential information.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['data on the device', 'personal and confidential data involved'],
    },
    {
      id: 'list-connections',
      phase: 'investigate',
      title: 'List the accesses the device had to other solutions',
      detail: 'VPN profiles, saved connections, keys and network openings, so each owner can check for misuse.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['accesses listed', 'owners informed'],
    },
    {
      id: 'watch-for-use',
      phase: 'investigate',
      title: 'Watch for use of the device and its accounts',
      detail: 'Sign-in attempts, device check-ins with location, VPN attempts and use of revoked credentials.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['attempts seen (time, address, location)'],
    },
    {
      id: 'police-insurance',
      phase: 'communicate',
      title: 'Report theft to the police and the insurer',
      detail: 'A police report is usually needed for insurance and helps if the device turns up.',
      role: 'finance',
      needsCustomerInstruction: false,
      record: ['police report reference', 'insurance claim reference'],
    },
    {
      id: 'assess-personal-data',
      phase: 'communicate',
      title: 'Assess personal data and notification duties',
      detail:
        'Loss of an unencrypted device with personal data is a personal data breach; strong encryption may mean no ' +
        'notification is needed, but record the breach and the reasoning either way.',
      role: 'legal',
      needsCustomerInstruction: false,
      record: ['personal data involved', 'notification decision and reasoning'],
    },
    {
      id: 'replace',
      phase: 'recover',
      title: 'Issue a replacement device',
      detail: 'Set up a new device with new credentials and keys, and restore the owner’s data from backup.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['replacement device', 'backup restored'],
    },
    {
      id: 'review',
      phase: 'recover',
      title: 'Hold the post-incident review',
      detail: 'Was the device encrypted and managed, was the loss reported quickly, and changes to the plan and this playbook.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: [...REVIEW_RECORD],
    },
  ],
};

export const VULNERABILITY_REPORT: Playbook = {
  id: 'vulnerability-report',
  version: 1,
  name: 'Vulnerability report (coordinated disclosure)',
  summary:
    'Someone reports a weakness in a solution, a dependency or the runtime environment. Acknowledge the reporter, ' +
    'check whether it has been exploited, mitigate, fix and disclose at an agreed date.',
  categories: ['vulnerable', 'vulnerable/vulnerable-system', 'vulnerable/information-disclosure'],
  steps: [
    {
      id: 'acknowledge',
      phase: 'communicate',
      title: 'Acknowledge the reporter',
      detail:
        'Thank them, confirm receipt, name a contact and give the next step and an expected timeline. Keep the ' +
        'conversation on the reporter’s channel, encrypted where possible, and ask them not to disclose before an ' +
        'agreed date.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['time received', 'time acknowledged', 'reporter contact', 'disclosure date proposed'],
    },
    {
      id: 'secure-report',
      phase: 'investigate',
      title: 'Store the report and proof of concept under restricted access',
      detail: 'Mark it TLP:AMBER or stricter; the proof of concept is a weapon until the fix is out.',
      role: 'scribe',
      needsCustomerInstruction: false,
      record: ['hash of the report and attachments', 'where they are stored', 'TLP marking'],
    },
    {
      id: 'inform-customer',
      phase: 'communicate',
      title: 'Inform the customers whose solutions are affected',
      detail: 'Tell each contact point what is affected, how serious it looks and what we propose, as their rules require.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      record: ['customers told, when and on which channel'],
    },
    {
      id: 'reproduce',
      phase: 'investigate',
      title: 'Reproduce and rate it in a test environment',
      detail:
        'Never test the proof of concept in production. Establish affected versions, components and configurations, ' +
        'and rate severity with a recognised scoring method.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['reproduced yes or no', 'affected versions and components', 'severity score and rationale'],
    },
    {
      id: 'check-exploitation',
      phase: 'investigate',
      title: 'Check whether it has already been exploited',
      detail:
        'Search logs as far back as retention allows for the exploitation pattern. If exploitation is found, report ' +
        'it to the customer immediately as an attack and switch to the matching playbook.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['logs searched and period covered', 'signs of exploitation'],
    },
    {
      id: 'find-deployments',
      phase: 'investigate',
      title: 'Find every affected deployment',
      detail:
        'The same component may run in other solutions and for other customers. List them, with their network ' +
        'openings that expose the weakness.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['affected deployments', 'exposure of each'],
    },
    {
      id: 'mitigate',
      phase: 'contain',
      title: 'Apply a temporary mitigation',
      detail:
        'Filter rules, configuration changes or disabling a feature can buy time before the fix. Propose them with ' +
        'their side effects and act on the customer’s instruction.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['mitigation applied, where and when', 'reference to the customer’s instruction'],
    },
    {
      id: 'develop-fix',
      phase: 'resolve',
      title: 'Develop and test the fix',
      detail:
        'Fix the cause, not the proof of concept: look for variants of the same flaw, and add a regression test. If the ' +
        'flaw is in a third-party component, report it upstream and coordinate.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['fix reference', 'variants found', 'upstream report reference'],
    },
    {
      id: 'deploy-fix',
      phase: 'resolve',
      title: 'Deploy the fix',
      detail: 'Follow each customer’s change process, most exposed deployments first, and verify each deployment.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['version deployed per deployment and when'],
    },
    {
      id: 'verify-with-reporter',
      phase: 'resolve',
      title: 'Ask the reporter to verify the fix',
      detail: 'Offer the reporter a chance to confirm the fix before disclosure.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['reporter’s verification result'],
    },
    {
      id: 'assess-personal-data',
      phase: 'communicate',
      title: 'Assess personal data and notification duties',
      detail:
        'If the weakness exposed personal data and there are signs it was used (by the reporter or anyone else), ' +
        'assess a personal data breach. Check NIS2 and contractual rules on reporting vulnerabilities.',
      role: 'legal',
      needsCustomerInstruction: false,
      record: ['personal data exposed', 'notification decision and who made it'],
    },
    {
      id: 'disclose',
      phase: 'communicate',
      title: 'Publish an advisory on the agreed date',
      detail:
        'Agree the text and date with the reporter and the affected customers, request an identifier where ' +
        'appropriate, and credit the reporter if they wish.',
      role: 'communications',
      needsCustomerInstruction: true,
      record: ['publication date', 'advisory and identifier', 'credit given'],
    },
    {
      id: 'review',
      phase: 'recover',
      title: 'Hold the post-incident review',
      detail:
        'Why the weakness was there and not found earlier, how the disclosure process worked for the reporter, and ' +
        'changes to the plan and this playbook.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: [...REVIEW_RECORD],
    },
  ],
};

export const TECHNICAL_FAILURE: Playbook = {
  id: 'technical-failure',
  version: 1,
  name: 'Technical failure or outage',
  summary:
    'A service is down, degraded or losing data because of a fault in hardware, software, a supplier or capacity. ' +
    'Rule out an attack, keep the state for diagnosis, limit the damage and restore with the customer.',
  categories: ['availability/outage', 'availability'],
  steps: [
    {
      id: 'declare',
      phase: 'communicate',
      title: 'Declare the incident and open coordination',
      detail:
        'Name an incident manager and open the coordination channel. If the usual channels run on the failing ' +
        'infrastructure, move down the PACE ladder at once.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: ['time declared', 'incident manager', 'coordination channel and PACE level'],
    },
    {
      id: 'inform-customer',
      phase: 'communicate',
      title: 'Inform the customer as the service rules require',
      detail: 'Tell the contact point what is affected, since when, the likely impact and the next update time.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      record: ['time the customer was told', 'who was told and on which channel'],
    },
    {
      id: 'rule-out-attack',
      phase: 'investigate',
      title: 'Rule out an attack',
      detail:
        'Look for unexplained changes, unknown processes, traffic floods, encrypted files or deleted data. If there ' +
        'are signs of attack, report to the customer immediately as an attack and switch playbook.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['what was checked', 'conclusion and who decided'],
    },
    {
      id: 'secure-state',
      phase: 'investigate',
      title: 'Secure logs and state before restarting',
      detail:
        'Restarts overwrite the evidence of the cause. Capture logs, metrics, crash dumps and the running ' +
        'configuration first, unless the damage is growing faster than that takes.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['what was captured and where', 'time of capture'],
    },
    {
      id: 'limit-damage',
      phase: 'contain',
      title: 'Stop the failure from spreading',
      detail:
        'Use the runbook’s agreed actions: stop batch jobs and queues that would corrupt data, switch to maintenance ' +
        'or read-only mode, shed load. Anything outside the runbook goes to the customer first.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['actions taken and when'],
    },
    {
      id: 'what-changed',
      phase: 'investigate',
      title: 'Find what changed',
      detail:
        'Recent deployments and configuration changes, expired certificates, full disks, capacity limits, dependency ' +
        'and supplier status. Most outages follow a change.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['changes in the hours before', 'probable cause'],
    },
    {
      id: 'data-integrity',
      phase: 'investigate',
      title: 'Check for data loss or corruption',
      detail: 'Establish the last consistent state, replication lag and which transactions may be lost or duplicated.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['last consistent point in time', 'data lost or at risk'],
    },
    {
      id: 'engage-suppliers',
      phase: 'communicate',
      title: 'Engage suppliers',
      detail: 'Open a case with the hosting, network or software supplier at the right priority and track it.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['supplier case references', 'supplier response times'],
    },
    {
      id: 'fix-or-workaround',
      phase: 'resolve',
      title: 'Fix the cause or apply a workaround',
      detail: 'Roll back the change, replace the failed part or apply a workaround; verify in monitoring that it holds.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['fix or workaround applied and when'],
    },
    {
      id: 'restore-from-backup',
      phase: 'recover',
      title: 'Restore from backup if data was lost',
      detail:
        'A restore loses everything after the backup and may need a failover to another site. Present the options ' +
        'with the data-loss window and act on the customer’s instruction.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['backup used and its time', 'data-loss window', 'reference to the customer’s instruction'],
    },
    {
      id: 'verify-service',
      phase: 'recover',
      title: 'Verify with the customer that the service is back',
      detail: 'Run functional checks, confirm with the customer and users, and keep close watch for a relapse.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['time service was restored', 'who confirmed it'],
    },
    {
      id: 'status-updates',
      phase: 'communicate',
      title: 'Give regular status updates',
      detail: 'At a fixed interval, through a status page and channels that do not depend on the failing infrastructure.',
      role: 'communications',
      needsCustomerInstruction: false,
      record: ['updates published and when'],
    },
    {
      id: 'reporting-duties',
      phase: 'communicate',
      title: 'Check reporting duties',
      detail:
        'A significant outage may trigger NIS2, sector or contractual reporting; loss of availability of personal ' +
        'data can be a personal data breach.',
      role: 'legal',
      needsCustomerInstruction: false,
      record: ['duties assessed', 'reports submitted and references'],
    },
    {
      id: 'review',
      phase: 'recover',
      title: 'Hold a blameless post-incident review',
      detail: 'Timeline, root causes, why it was not caught earlier, monitoring and runbook changes, and this playbook.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: [...REVIEW_RECORD],
    },
  ],
};

export const UNINTENTIONAL_ERROR: Playbook = {
  id: 'unintentional-error',
  version: 1,
  name: 'Unintentional error',
  summary:
    'A mistake — a misconfiguration, a mis-sent e-mail, a wrong deletion — has exposed, changed or lost information. ' +
    'Make it safe to report, undo the error, find out who saw the data and prevent a repeat.',
  categories: [
    'availability/misconfiguration',
    'information-content-security/data-leak',
    'information-content-security/unauthorised-information-modification',
  ],
  steps: [
    {
      id: 'report-without-blame',
      phase: 'communicate',
      title: 'Take the report without blame and get the facts',
      detail:
        'Thank the person who reported it; fear of blame delays the next report. Establish what was sent, changed or ' +
        'deleted, to whom, and when.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: ['what happened and when', 'who reported it and when'],
    },
    {
      id: 'inform-customer',
      phase: 'communicate',
      title: 'Inform the customer’s contact point',
      detail: 'Tell them what happened, what data is involved and what we propose to undo it.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      record: ['time the customer was told', 'who was told and on which channel'],
    },
    {
      id: 'record-state',
      phase: 'investigate',
      title: 'Record the erroneous state before fixing it',
      detail:
        'Keep a copy of the sent message with headers and recipient list, the configuration difference, screenshots ' +
        'of the exposed resource and its access logs.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['hashes of copies and screenshots', 'where they are stored'],
    },
    {
      id: 'undo-error',
      phase: 'contain',
      title: 'Undo the error',
      detail:
        'Revert the configuration, close the share, revoke the link or restore the deleted item. Ask the customer for ' +
        'an immediate answer; if data keeps leaking and none comes, override only with a recorded reason.',
      role: 'it-operations',
      needsCustomerInstruction: true,
      record: ['time the error was undone', 'what was changed', 'reference to the customer’s instruction or override reason'],
    },
    {
      id: 'ask-recipients-delete',
      phase: 'contain',
      title: 'Ask wrong recipients to delete the information',
      detail:
        'Call or write to each recipient, ask them to delete the message and any copies and not to forward it, and ' +
        'to confirm in writing. Message recall rarely works; do not rely on it.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      record: ['recipients contacted', 'deletion confirmations received'],
    },
    {
      id: 'who-accessed',
      phase: 'investigate',
      title: 'Check who accessed the exposed data',
      detail:
        'Use access and download logs for the exposure window: who, what and how much. Check whether search engines ' +
        'or caches indexed it and request removal.',
      role: 'security-lead',
      needsCustomerInstruction: false,
      record: ['exposure window', 'accesses and volume', 'removal requests'],
    },
    {
      id: 'integrity-availability',
      phase: 'investigate',
      title: 'Check for changed or lost data',
      detail: 'A misconfiguration can also corrupt or delete data or break other services. Check and restore what is needed.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['data changed or lost', 'services affected'],
    },
    {
      id: 'same-error-elsewhere',
      phase: 'investigate',
      title: 'Check whether the same error exists elsewhere',
      detail: 'The same template, script or setting may be used in other environments and for other customers.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['places checked', 'other occurrences found'],
    },
    {
      id: 'assess-personal-data',
      phase: 'communicate',
      title: 'Assess personal data and notification duties',
      detail:
        'A mis-sent message or exposed resource with personal data is a personal data breach. A trusted recipient who ' +
        'confirmed deletion lowers the risk; record the breach and the reasoning even if not notified.',
      role: 'legal',
      needsCustomerInstruction: false,
      record: ['personal data involved', 'risk assessment', 'notification decision and who made it'],
    },
    {
      id: 'prevent-repeat',
      phase: 'resolve',
      title: 'Make the error hard to repeat',
      detail:
        'Prefer guardrails to reminders: configuration validation, review of changes, safe defaults, warnings on ' +
        'external recipients, turning off address autocomplete for sensitive mail.',
      role: 'it-operations',
      needsCustomerInstruction: false,
      record: ['guardrails added'],
    },
    {
      id: 'review',
      phase: 'recover',
      title: 'Hold a blameless post-incident review',
      detail: 'Why the mistake was easy to make and hard to see, and changes to the plan and this playbook.',
      role: 'incident-manager',
      needsCustomerInstruction: false,
      record: [...REVIEW_RECORD],
    },
  ],
};

export const PLAYBOOK_LIBRARY: readonly Playbook[] = [
  RANSOMWARE,
  PHISHING,
  PERSONAL_DATA_BREACH,
  DDOS,
  WEBSITE_DEFACEMENT,
  ENDPOINT_MALWARE,
  INSIDER,
  LOST_DEVICE,
  VULNERABILITY_REPORT,
  TECHNICAL_FAILURE,
  UNINTENTIONAL_ERROR,
];
