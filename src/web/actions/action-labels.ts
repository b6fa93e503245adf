import type { ActionStatus, ActionTarget } from '../../shared/review-types.ts';

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'To do',
  'in-progress': 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const ACTION_STATUS_COLORS: Record<ActionStatus, string> = {
  open: 'gray',
  'in-progress': 'blue',
  done: 'teal',
  cancelled: 'dark',
};

/** "Playbook: Ransomware", "The contingency plan". */
export function targetWords(target: ActionTarget | null | undefined): string | null {
  if (!target) return null;
  return target.type === 'plan' ? 'The contingency plan' : `Playbook: ${target.name}`;
}
