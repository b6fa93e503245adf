import type { MantineColor } from '@mantine/core';
import type { StepDue, StepDueFrom } from '../../shared/prepare-types.ts';
import type { TaskStatus } from '../../shared/task-types.ts';

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  open: 'To do',
  'in-progress': 'In progress',
  blocked: 'Blocked',
  done: 'Done',
  skipped: 'Skipped',
};

export const TASK_STATUS_COLORS: Record<TaskStatus, MantineColor> = {
  open: 'gray',
  'in-progress': 'blue',
  blocked: 'orange',
  done: 'teal',
  skipped: 'gray',
};

/** The clocks a due time runs from, as the editor and the tasks name them. */
export const DUE_FROM_LABELS: Record<StepDueFrom, string> = {
  aware: 'awareness',
  dp1: 'DP1 (confirmed as an incident)',
  dp2: 'DP2 (classified)',
};

/** The same clocks, short: "after DP1". */
export const DUE_FROM_SHORT: Record<StepDueFrom, string> = { aware: 'awareness', dp1: 'DP1', dp2: 'DP2' };

/** "1 day 2 h", "30 min": an offset in words. */
export function offsetWords(after: StepDue['after']): string {
  const parts = [
    after.days ? `${after.days} day${after.days === 1 ? '' : 's'}` : '',
    after.hours ? `${after.hours} h` : '',
    after.minutes ? `${after.minutes} min` : '',
  ].filter(Boolean);
  return parts.join(' ') || '0 min';
}

/** "2 h after DP1". */
export function dueWords(due: StepDue): string {
  return `${offsetWords(due.after)} after ${DUE_FROM_SHORT[due.from] ?? due.from}`;
}
