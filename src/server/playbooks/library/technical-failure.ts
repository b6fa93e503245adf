import type { Playbook } from '../playbook.ts';
import { REVIEW_RECORD } from './review-record.ts';

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
      due: { from: 'aware', after: { minutes: 30 } },
      record: ['time declared', 'incident manager', 'coordination channel and PACE level'],
    },
    {
      id: 'inform-customer',
      phase: 'communicate',
      title: 'Inform the customer as the service rules require',
      detail: 'Tell the contact point what is affected, since when, the likely impact and the next update time.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { hours: 1 } },
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
      due: { from: 'dp1', after: { hours: 2 } },
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
      due: { from: 'dp1', after: { hours: 2 } },
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
      due: { from: 'aware', after: { hours: 12 } },
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
