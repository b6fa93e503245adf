import { Anchor, Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconHandStop } from '@tabler/icons-react';
import { Link } from 'react-router';
import { INCIDENT_ROLE_LABELS } from '../../shared/incident-vocabulary.ts';
import type { Notification } from '../../shared/notification-types.ts';
import type { Task, TaskChanges, TaskStatus } from '../../shared/task-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { ExerciseBadge } from '../incidents/ExerciseBadge.tsx';
import { TaskDue } from './TaskDue.tsx';
import { TaskStatusMenu } from './TaskStatusMenu.tsx';
import { isOpenTask } from './task-groups.ts';

export interface TaskRowProps {
  task: Task;
  /** Whom it may be given to; null: the assignee is shown, not chosen (My tasks). */
  candidates: { id: string; name: string }[] | null;
  /** The unanswered instruction request about it, if any. */
  request?: Notification | null;
  pending: boolean;
  onChange: (changes: TaskChanges) => void;
  /** Marks it done although its gate is closed: asks for the reason. */
  onOverride: () => void;
  onEdit?: () => void;
  onAsk?: () => void;
  onRecordAnswer?: (request: Notification) => void;
  /** Shows which incident it belongs to (lists across incidents). */
  showIncident?: boolean;
}

/**
 * One task: title, its role and gate, who has it, the due countdown and its status; "Mark done" (or, while it waits
 * for the customer's instruction, "Ask the customer" and "Override…"). Every control is a button, a menu or a
 * select, so the row is worked with Tab, the arrow keys and Enter.
 */
export function TaskRow({
  task,
  candidates,
  request = null,
  pending,
  onChange,
  onOverride,
  onEdit,
  onAsk,
  onRecordAnswer,
  showIncident = false,
}: TaskRowProps) {
  const canAct = task.allowed.change;
  const open = isOpenTask(task);
  const blocked = open && task.gate !== null;
  const setStatus = (status: TaskStatus) => (status === 'done' && blocked ? onOverride() : onChange({ status }));
  const options = candidates ? withCurrent(candidates, task) : [];

  return (
    <Stack
      gap={4}
      component="li"
      aria-label={task.title}
      data-task-status={task.status}
      data-overdue={task.overdue ? 'true' : undefined}
      py={6}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          {showIncident && (
            <Group gap={6}>
              <Anchor component={Link} to={`/incidents/${encodeURIComponent(task.incidentKey)}`} size="xs" fw={600}>
                {task.incidentKey}
              </Anchor>
              <Text size="xs" c="dimmed" truncate="end" style={{ minWidth: 0, flex: 1 }}>
                {task.incidentTitle}
              </Text>
              {task.exercise && <ExerciseBadge />}
            </Group>
          )}
          <Text size="sm" fw={500} td={task.status === 'skipped' ? 'line-through' : undefined}>
            {task.title}
          </Text>
        </Stack>
        <TaskStatusMenu task={task} canAct={canAct} pending={pending} onStatus={setStatus} />
      </Group>

      <Group gap={6} wrap="wrap">
        {task.role && (
          <Badge size="xs" variant="outline" color="gray" tt="none">
            {INCIDENT_ROLE_LABELS[task.role]}
          </Badge>
        )}
        {task.needsInstruction && (
          <Badge size="xs" variant="light" color="orange" tt="none" leftSection={<IconHandStop size={10} aria-hidden />}>
            Needs the customer’s instruction
          </Badge>
        )}
        <TaskDue task={task} />
      </Group>

      <Group gap="xs" wrap="wrap" align="center">
        {canAct && candidates ? (
          <Select
            size="xs"
            w={200}
            data={options}
            value={task.assigneeId}
            onChange={(assigneeId) => onChange({ assigneeId })}
            placeholder="Unassigned"
            clearable
            searchable
            nothingFoundMessage="Nobody by that name may work on this incident"
            aria-label={`Assignee of “${task.title}”`}
            disabled={pending}
          />
        ) : (
          <Text size="xs" c={task.assigneeName ? undefined : 'dimmed'}>
            {task.assigneeName ?? 'Unassigned'}
          </Text>
        )}
        {canAct && open && !blocked && (
          <Button
            size="compact-xs"
            variant="light"
            color="teal"
            onClick={() => onChange({ status: 'done' })}
            loading={pending}
            aria-label={`Mark done: ${task.title}`}
          >
            Mark done
          </Button>
        )}
        {canAct && blocked && !request && onAsk && (
          <Button size="compact-xs" onClick={onAsk} aria-label={`Ask the customer: ${task.title}`}>
            Ask the customer
          </Button>
        )}
        {canAct && request && onRecordAnswer && (
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => onRecordAnswer(request)}
            aria-label={`Record their answer: ${task.title}`}
          >
            Record their answer…
          </Button>
        )}
        {canAct && blocked && (
          <Button size="compact-xs" variant="subtle" color="orange" onClick={onOverride} aria-label={`Override: ${task.title}`}>
            Override…
          </Button>
        )}
        {canAct && onEdit && (
          <Button size="compact-xs" variant="subtle" color="gray" onClick={onEdit} aria-label={`Edit “${task.title}”`}>
            Edit…
          </Button>
        )}
      </Group>

      {blocked && (
        <Text size="xs" c="orange" fw={600}>
          {task.gate}
          {request && (
            <Text span c="dimmed" fw={400} inherit>
              {' '}
              (asked <RelativeTime value={request.createdAt} span />)
            </Text>
          )}
        </Text>
      )}
      {task.override && (
        <Text size="xs" c="orange">
          <IconAlertTriangle size={12} aria-hidden /> Done without the customer’s instruction — flagged for the review:{' '}
          {task.override}
        </Text>
      )}
      {task.note && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          Note: {task.note}
        </Text>
      )}
    </Stack>
  );
}

/** The choices of assignee, with the current one even when they are no longer among those who may work on it. */
function withCurrent(candidates: { id: string; name: string }[], task: Task) {
  const options = candidates.map((c) => ({ value: c.id, label: c.name }));
  if (task.assigneeId && !candidates.some((c) => c.id === task.assigneeId)) {
    options.unshift({ value: task.assigneeId, label: task.assigneeName ?? task.assigneeId });
  }
  return options;
}
