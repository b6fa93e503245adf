import type { MantineColor } from '@mantine/core';
import { IconBellRinging, IconForms, IconMail } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { TriageItem, TriageKind, TriageStatus } from '../../shared/triage-types.ts';

export const KIND_LABELS: Record<TriageKind, string> = {
  alerts: 'Alert group',
  email: 'Report by e-mail',
  form: 'Report from the public form',
};

export function kindIcon(kind: TriageKind, size = 18): ReactNode {
  if (kind === 'email') return <IconMail size={size} aria-hidden />;
  if (kind === 'form') return <IconForms size={size} aria-hidden />;
  return <IconBellRinging size={size} aria-hidden />;
}

export const KIND_COLORS: Record<TriageKind, MantineColor> = { alerts: 'orange', email: 'blue', form: 'grape' };

export const TRIAGE_STATUS_LABELS: Record<TriageStatus, string> = {
  triage: 'Waiting',
  incident: 'Opened',
  dismissed: 'Dismissed',
};

/** "2 alerts", "1 occurrence": a count with its noun. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Whether every alert of a group has resolved (reports have no alerts: never). */
export function isResolved(item: TriageItem): boolean {
  return item.kind === 'alerts' && item.alertCount > 0 && item.firingCount === 0;
}

/** "a1b2c3d4…": enough of a fingerprint to tell alerts apart by eye. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.length > 12 ? `${fingerprint.slice(0, 10)}…` : fingerprint;
}
