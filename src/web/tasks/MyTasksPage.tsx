import { Badge, Button, EmptyState, Group, Loader, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconChecklist } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Task, TaskChanges, TaskPage } from '../../shared/task-types.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { useNow } from '../core/use-now.ts';
import { OverrideTaskModal } from './OverrideTaskModal.tsx';
import { TaskRow } from './TaskRow.tsx';
import { groupByUrgency } from './task-groups.ts';
import { TASK_STATUS_LABELS } from './task-labels.ts';
import { type MyTaskStatus, useChangeTask, useMyTasks } from './tasks-api.ts';

const GROUPS = [
  { key: 'overdue', title: 'Overdue', color: 'red' },
  { key: 'soon', title: 'Due in the next 24 hours', color: 'orange' },
  { key: 'later', title: 'Later, or no due time yet', color: 'gray' },
  { key: 'finished', title: 'Done or skipped', color: 'teal' },
] as const;

/**
 * `/tasks`: the tasks given to me on every incident I may see, overdue first, then due soon, then later; each with its
 * incident, countdown and status. One column of rows, so it reads the same on a phone.
 */
export function MyTasksPage() {
  useDocumentTitle('My tasks — Muster');
  const [params, setParams] = useSearchParams();
  const status: MyTaskStatus = params.get('status') === 'all' ? 'all' : 'open';
  const query = useMyTasks(status);
  const change = useChangeTask();
  const now = useNow();
  const [overriding, setOverriding] = useState<Task | null>(null);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const groups = groupByUrgency(items, now);

  const quick = (task: Task, changes: TaskChanges) =>
    change
      .mutateAsync({ task, changes })
      .then((next) => changes.status && notifySuccess(`“${next.title}”: ${TASK_STATUS_LABELS[next.status].toLowerCase()}.`))
      .catch((error) => notifyError(`“${task.title}” was not changed`, error));

  return (
    <Stack gap="lg" maw={960} mx="auto">
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="xs">
            <Title order={1} fz="h2">
              My tasks
            </Title>
            {groups.overdue.length > 0 && (
              <Badge color="red" variant="filled" size="lg">
                {groups.overdue.length} overdue
              </Badge>
            )}
            {query.isFetching && !query.isPending && <Loader size="xs" aria-label="Refreshing" />}
          </Group>
          <Text c="dimmed" size="sm">
            Tasks given to you on every incident, the soonest due first. Times are in your time zone.
          </Text>
        </div>
        <SegmentedControl
          aria-label="Which tasks"
          value={status}
          onChange={(value) => setParams(value === 'all' ? { status: 'all' } : {}, { replace: true })}
          data={[
            { value: 'open', label: 'To do' },
            { value: 'all', label: 'All, with done' },
          ]}
        />
      </Group>
      <QueryView
        query={query}
        loading={
          <Stack gap="xs" aria-busy aria-label="Loading your tasks">
            <Skeleton h={64} />
            <Skeleton h={64} />
            <Skeleton h={64} />
          </Stack>
        }
        errorTitle="Could not load your tasks"
        isEmpty={(data) => data.pages.every((p: TaskPage) => p.items.length === 0)}
        empty={
          <Paper withBorder radius="md">
            <EmptyState
              py="xl"
              icon={<IconChecklist size={30} />}
              withIndicatorBackground
              title={status === 'open' ? 'Nothing on your list' : 'No tasks have been given to you yet'}
              description="Tasks given to you on any incident show up here, the soonest due first, and you are reminded through your own channels when one falls due. On an incident, Tasks → Apply playbook gives each step to whoever holds its role; Add task gives one to anyone."
            />
          </Paper>
        }
      >
        {() => (
          <Stack gap="md">
            {GROUPS.map(({ key, title, color }) =>
              groups[key].length === 0 ? null : (
                <Paper key={key} withBorder radius="md" p="md" component="section" aria-label={title}>
                  <Group gap="xs" mb={4}>
                    <Title order={2} fz="h5">
                      {title}
                    </Title>
                    <Badge size="sm" variant="light" color={color}>
                      {groups[key].length}
                    </Badge>
                  </Group>
                  <Stack gap={0} component="ul" pl={0} m={0} style={{ listStyle: 'none' }}>
                    {groups[key].map((task) => (
                      <TaskRow
                        key={task.id}
                        task={task}
                        candidates={null}
                        pending={change.isPending && change.variables?.task.id === task.id}
                        onChange={(changes) => void quick(task, changes)}
                        onOverride={() => setOverriding(task)}
                        showIncident
                      />
                    ))}
                  </Stack>
                </Paper>
              ),
            )}
            {query.hasNextPage && (
              <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                Show more
              </Button>
            )}
          </Stack>
        )}
      </QueryView>
      <OverrideTaskModal
        task={overriding}
        change={change}
        onClose={() => setOverriding(null)}
        askHint="To ask them, open the incident."
      />
    </Stack>
  );
}
