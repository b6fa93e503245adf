import type { Playbook } from '../playbook.ts';
import { REVIEW_RECORD } from './review-record.ts';

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
      due: { from: 'aware', after: { hours: 2 } },
      record: ['what happened and when', 'who reported it and when'],
    },
    {
      id: 'inform-customer',
      phase: 'communicate',
      title: 'Inform the customer’s contact point',
      detail: 'Tell them what happened, what data is involved and what we propose to undo it.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { hours: 4 } },
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
      due: { from: 'dp1', after: { hours: 2 } },
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
      due: { from: 'dp1', after: { hours: 4 } },
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
      due: { from: 'aware', after: { hours: 24 } },
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
