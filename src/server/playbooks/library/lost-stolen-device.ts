import type { Playbook } from '../playbook.ts';
import { REVIEW_RECORD } from './review-record.ts';

export const LOST_DEVICE: Playbook = {
  id: 'lost-stolen-device',
  version: 1,
  name: 'Lost or stolen device',
  summary:
    'A laptop, phone, removable drive or token is missing. Lock it and cut its access fast, establish what data and ' +
    'accesses it held and whether it was encrypted, and decide on wiping.',
  categories: ['intrusions/burglary', 'information-content-security/data-loss'],
  preserve: [
    'Sign-in and device-management (MDM) logs for the device and its user',
    'The device’s last backup, untouched',
    'Records of remote lock or wipe commands sent',
  ],
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
      due: { from: 'aware', after: { hours: 1 } },
      record: ['time of lock command', 'time lock confirmed'],
    },
    {
      id: 'inform-customer',
      phase: 'communicate',
      title: 'Inform the customer if the device held their data or access',
      detail: 'Tell the contact point what the device could reach and what we propose to revoke.',
      role: 'customer-liaison',
      needsCustomerInstruction: false,
      due: { from: 'aware', after: { hours: 2 } },
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
      due: { from: 'dp1', after: { hours: 2 } },
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
      due: { from: 'dp1', after: { hours: 4 } },
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
      due: { from: 'dp2', after: { days: 2 } },
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
      due: { from: 'aware', after: { hours: 24 } },
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
