import type { Playbook } from '../playbook.ts';
import { REVIEW_RECORD } from './review-record.ts';

export const DDOS: Playbook = {
  id: 'ddos',
  version: 1,
  name: 'Distributed denial of service (DDoS)',
  summary:
    'A flood of traffic or requests makes a service slow or unavailable. Confirm it is an attack, bring in the ' +
    'agreed protection, keep users informed through independent channels and watch for what the noise may hide.',
  categories: ['availability/ddos', 'availability/dos'],
  preserve: [
    'Firewall, load balancer and CDN logs for the attack period',
    'NetFlow or traffic captures of the attack traffic',
    'Any extortion or warning messages received, with full headers',
  ],
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
      due: { from: 'aware', after: { minutes: 30 } },
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
      due: { from: 'dp1', after: { hours: 1 } },
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
      due: { from: 'dp1', after: { hours: 2 } },
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
      due: { from: 'dp1', after: { hours: 4 } },
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
      due: { from: 'dp1', after: { hours: 2 } },
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
      due: { from: 'aware', after: { hours: 12 } },
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
