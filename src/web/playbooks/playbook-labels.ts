import type { MantineColor } from '@mantine/core';
import { INCIDENT_ROLE_LABELS, INCIDENT_ROLES, RSIT } from '../../shared/incident-vocabulary.ts';
import type { PlaybookStep } from '../../shared/prepare-types.ts';

export type PlaybookPhase = PlaybookStep['phase'];

/** In the order a response usually runs; communication runs alongside and is listed first. */
export const PLAYBOOK_PHASES: readonly PlaybookPhase[] = ['communicate', 'contain', 'investigate', 'resolve', 'recover'];

export const PHASE_LABELS: Record<PlaybookPhase, string> = {
  communicate: 'Communicate',
  contain: 'Contain',
  investigate: 'Investigate',
  resolve: 'Resolve',
  recover: 'Recover',
};

export const PHASE_COLORS: Record<PlaybookPhase, MantineColor> = {
  communicate: 'blue',
  contain: 'red',
  investigate: 'violet',
  resolve: 'orange',
  recover: 'teal',
};

export const ROLE_OPTIONS = INCIDENT_ROLES.map((r) => ({ value: r, label: INCIDENT_ROLE_LABELS[r] }));

/** "Malicious code › Infected system", or "Malicious code (any type)" for a whole class. */
export function playbookCategoryLabel(category: string): string {
  const [cls, type] = category.split('/');
  const entry = RSIT[cls];
  if (!entry) return category;
  return type ? `${entry.label} › ${entry.types[type] ?? type}` : `${entry.label} (any type)`;
}

export type PlaybookSource = 'library' | 'organisation' | 'customer';

export const SOURCE_LABELS: Record<PlaybookSource, string> = {
  library: 'Library',
  organisation: 'Our organisation',
  customer: 'Customer',
};

export const SOURCE_COLORS: Record<PlaybookSource, MantineColor> = {
  library: 'gray',
  organisation: 'indigo',
  customer: 'grape',
};

/** The editor's address; `customer` tells it which customer the user came from (back link, copy target). */
export function playbookHref(p: { id: string }, customerId: string | null): string {
  return `/playbooks/${encodeURIComponent(p.id)}${customerId ? `?customer=${encodeURIComponent(customerId)}` : ''}`;
}
