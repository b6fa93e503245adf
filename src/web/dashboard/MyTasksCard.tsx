import { Anchor, Badge, EmptyState, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Task } from '../../shared/task-types.ts';
import { ErrorState } from '../core/ErrorState.tsx';
import { TaskDue } from '../tasks/TaskDue.tsx';
import { TASK_STATUS_LABELS } from '../tasks/task-labels.ts';

/** How many tasks the card lists before it points to My tasks. */
const SHOWN = 6;

interface MyTasksCardProps {
  /** My open tasks, soonest due first (the first page of GET /tasks?assignee=me&status=open). */
  tasks: Task[] | undefined;
  /** There are more than the page holds. */
  more: boolean;
  error: unknown;
  onRetry: () => void;
}

/** The first of my open tasks across incidents, soonest due first, with their countdowns. */
export function MyTasksCard({ tasks, more, error, onRetry }: MyTasksCardProps) {
  const overdue = tasks?.filter((t) => t.overdue).length ?? 0;
  let body: React.ReactNode;
  if (error && !tasks) body = <ErrorState title="Could not load your tasks" error={error} onRetry={onRetry} />;
  else if (!tasks)
    body = (
      <Stack gap="xs" aria-busy aria-label="Loading your tasks">
        <Skeleton h={32} />
        <Skeleton h={32} />
      </Stack>
    );
  else if (tasks.length === 0)
    body = (
      <EmptyState
        size="sm"
        py="md"
        icon={<IconChecklist size={24} />}
        withIndicatorBackground
        title="No tasks for you"
        description="Tasks given to you on any incident show up here, the soonest due first."
      />
    );
  else
    body = (
      <Stack gap="sm" component="ul" p={0} m={0} aria-label="My open tasks">
        {tasks.slice(0, SHOWN).map((task) => (
          <Group
            key={task.id}
            component="li"
            gap="sm"
            wrap="nowrap"
            justify="space-between"
            align="flex-start"
            style={{ listStyle: 'none' }}
          >
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} lineClamp={1}>
                {task.title}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={1}>
                <Anchor
                  component={Link}
                  to={`/incidents/${encodeURIComponent(task.incidentKey)}`}
                  size="xs"
                  fw={600}
                  ff="monospace"
                >
                  {task.incidentKey}
                </Anchor>{' '}
                {task.incidentTitle}
                {task.status !== 'open' && ` · ${TASK_STATUS_LABELS[task.status]}`}
              </Text>
            </div>
            <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
              {task.exercise && (
                <Badge size="xs" color="grape" variant="light">
                  Exercise
                </Badge>
              )}
              <TaskDue task={task} />
            </Group>
          </Group>
        ))}
        {(tasks.length > SHOWN || more) && (
          <Text component="li" size="sm" style={{ listStyle: 'none' }}>
            <Anchor component={Link} to="/tasks" size="sm">
              {more ? 'More' : tasks.length - SHOWN} on My tasks
            </Anchor>
          </Text>
        )}
      </Stack>
    );

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="my-tasks-title">
      <Group gap="xs" mb="sm" justify="space-between">
        <Group gap="xs">
          <Title order={2} fz="h4" id="my-tasks-title">
            My tasks
          </Title>
          {overdue > 0 && (
            <Badge color="red" variant="filled">
              {overdue} overdue
            </Badge>
          )}
        </Group>
        <Anchor component={Link} to="/tasks" size="sm">
          All my tasks
        </Anchor>
      </Group>
      {body}
    </Paper>
  );
}
