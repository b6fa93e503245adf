import { Text, Tooltip } from '@mantine/core';
import type { Task } from '../../shared/task-types.ts';
import { formatAbsolute } from '../core/time.ts';
import { useNow } from '../core/use-now.ts';
import { dueText, isOpenTask } from './task-groups.ts';

const HOUR = 60 * 60_000;

/** The due countdown: red once overdue, orange within the hour; the exact time in the user's zone on hover. */
export function TaskDue({ task }: { task: Pick<Task, 'dueAt' | 'due' | 'status'> }) {
  const now = useNow();
  const text = dueText(task, now);
  if (!task.dueAt) {
    return (
      <Text size="xs" c="dimmed" span>
        {text}
      </Text>
    );
  }
  const left = Date.parse(task.dueAt) - now;
  const open = isOpenTask(task);
  const color = !open ? 'dimmed' : left <= 0 ? 'red' : left <= HOUR ? 'orange' : undefined;
  const absolute = formatAbsolute(task.dueAt);
  return (
    <Tooltip label={absolute} openDelay={300} withArrow>
      <Text
        size="xs"
        c={color}
        fw={open && left <= 0 ? 700 : undefined}
        component="time"
        dateTime={task.dueAt}
        data-overdue={open && left <= 0 ? 'true' : undefined}
        aria-label={`${text} (${absolute})`}
      >
        {text}
      </Text>
    </Tooltip>
  );
}
