import type { MantineColor } from '@mantine/core';
import type { Incident } from '../../shared/api-types.ts';
import type {
  DeliveryAttempt,
  InstructionAnswer,
  Notification,
  NotificationKind,
  NotificationStatus,
} from '../../shared/notification-types.ts';
import { PACE_PURPOSE_LABELS, type PacePurpose } from '../../shared/prepare-types.ts';

/** Human words for notifications: what they are for, where they stand, how each try went. */

/** "report to the customer": what a notification is, for "Ready to send: …". */
export const PURPOSE_NOUNS: Record<PacePurpose, string> = {
  'notify-customer': 'report to the customer',
  'coordinate-responders': 'message to the responders',
  'notify-authority': 'report to the authority',
  'inform-management': 'update for management',
  'notify-data-subjects': 'notice to the data subjects',
};

export function purposeLabel(purpose: string): string {
  if (purpose === 'test') return 'Channel test';
  return PACE_PURPOSE_LABELS[purpose as PacePurpose] ?? purpose;
}

export function purposeNoun(purpose: string): string {
  return PURPOSE_NOUNS[purpose as PacePurpose] ?? purpose;
}

export const KIND_LABELS: Record<NotificationKind, string> = {
  message: 'Message',
  instruction: 'Asks for an instruction',
  reminder: 'Deadline reminder',
  test: 'Test',
};

export const STATUS_STYLE: Record<NotificationStatus, { label: string; color: MantineColor }> = {
  draft: { label: 'Draft', color: 'gray' },
  delivering: { label: 'Delivering', color: 'blue' },
  delivered: { label: 'Delivered, not acknowledged', color: 'cyan' },
  'awaiting-person': { label: 'Waiting for a person', color: 'orange' },
  failed: { label: 'Failed', color: 'red' },
  acknowledged: { label: 'Acknowledged', color: 'teal' },
  answered: { label: 'Answered', color: 'teal' },
  exhausted: { label: 'Nobody reached', color: 'red' },
};

/**
 * The badge of a notification's status. A ladder that ran out after a level took the message (its delivery accepted)
 * did reach someone: nobody acknowledged it, which is what the responder must now follow up.
 */
export function statusStyle(n: Pick<Notification, 'status' | 'attempts'>): { label: string; color: MantineColor } {
  if (n.status === 'exhausted' && n.attempts.some((a) => a.outcome === 'accepted')) {
    return { label: 'Delivered, nobody acknowledged', color: 'red' };
  }
  return STATUS_STYLE[n.status];
}

export const OUTCOME_STYLE: Record<DeliveryAttempt['outcome'], { label: string; color: MantineColor }> = {
  accepted: { label: 'Accepted', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
  skipped: { label: 'Skipped', color: 'orange' },
  task: { label: 'Handed to a person', color: 'orange' },
};

export const DECISION_STYLE: Record<InstructionAnswer['decision'], { label: string; color: MantineColor }> = {
  approve: { label: 'Approved', color: 'teal' },
  decline: { label: 'Declined', color: 'red' },
  instruct: { label: 'Instructed', color: 'blue' },
};

/** A notification that still walks its ladder (a person can still record an acknowledgement). */
export function isOpen(n: Notification): boolean {
  return n.status !== 'draft' && !n.acknowledgedAt && n.status !== 'answered';
}

/** The template of a subject or message with the incident's values, as the recipient reads it. */
export function fillIncidentTemplate(template: string, incident: Incident): string {
  const values: Record<string, string | null> = {
    key: incident.key,
    title: incident.title,
    description: incident.description,
    tlp: incident.tlp,
    severity: incident.severity,
    status: incident.status,
    ...incident.times,
  };
  return template.replace(/\{\{\s*incident\.(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
