import { Badge, Button, Menu } from '@mantine/core';
import { IconCheck, IconChevronDown } from '@tabler/icons-react';
import { TASK_STATUSES, type Task, type TaskStatus } from '../../shared/task-types.ts';
import { TASK_STATUS_COLORS, TASK_STATUS_LABELS } from './task-labels.ts';

interface TaskStatusMenuProps {
  task: Pick<Task, 'title' | 'status'>;
  canAct: boolean;
  pending: boolean;
  onStatus: (status: TaskStatus) => void;
}

/** The task's status, and (for whoever may change it) a menu of the others, walked with the arrow keys. */
export function TaskStatusMenu({ task, canAct, pending, onStatus }: TaskStatusMenuProps) {
  const label = TASK_STATUS_LABELS[task.status];
  if (!canAct) {
    return (
      <Badge size="sm" variant="light" color={TASK_STATUS_COLORS[task.status]} tt="none">
        {label}
      </Badge>
    );
  }
  return (
    <Menu position="bottom-start" shadow="md" withinPortal>
      <Menu.Target>
        <Button
          size="compact-xs"
          variant="light"
          color={TASK_STATUS_COLORS[task.status]}
          rightSection={<IconChevronDown size={12} aria-hidden />}
          loading={pending}
          aria-label={`Status of “${task.title}”: ${label}`}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Set the status</Menu.Label>
        {TASK_STATUSES.map((status) => (
          <Menu.Item
            key={status}
            onClick={() => onStatus(status)}
            disabled={status === task.status}
            leftSection={status === task.status ? <IconCheck size={14} aria-hidden /> : <span style={{ width: 14 }} />}
            color={status === 'done' ? 'teal' : undefined}
          >
            {TASK_STATUS_LABELS[status]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
