import { Badge, Button, EmptyState, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChecklist, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import type { Notification } from '../../shared/notification-types.ts';
import type { PlaybookStep } from '../../shared/prepare-types.ts';
import type { Task, TaskChanges } from '../../shared/task-types.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { useIncidentNotifications, useNotificationActions } from '../notifications/notifications-api.ts';
import { RecordAnswerModal } from '../notifications/RecordAnswerModal.tsx';
import { AskCustomerModal } from '../playbooks/AskCustomerModal.tsx';
import { PHASE_COLORS } from '../playbooks/playbook-labels.ts';
import { AddTaskModal } from './AddTaskModal.tsx';
import { ApplyPlaybookMenu } from './ApplyPlaybookMenu.tsx';
import { EditTaskModal } from './EditTaskModal.tsx';
import { OverrideTaskModal } from './OverrideTaskModal.tsx';
import { TaskRow } from './TaskRow.tsx';
import { groupByPhase, isOpenTask, openRequest } from './task-groups.ts';
import { TASK_STATUS_LABELS } from './task-labels.ts';
import { useChangeTask, useIncidentTasks, useTaskActions } from './tasks-api.ts';

/** What "Ask the customer" asks from a task: the task in the words of a playbook step. */
function asStep(task: Task): PlaybookStep {
  return {
    id: task.stepId ?? task.id,
    phase: task.phase ?? 'contain',
    title: task.title,
    detail: task.detail,
    role: task.role ?? 'incident-manager',
    needsCustomerInstruction: true,
    record: [],
  };
}

/**
 * The incident's tasks by phase: who has each, its due countdown (red once overdue) and status, and the gate of those
 * that wait for the customer's instruction. "Apply playbook" turns a playbook's steps into tasks; "Add task" adds one.
 * The list is fetched again at each new version of the incident, so changes made elsewhere show up live.
 */
export function TasksPanel({ incident }: { incident: Incident }) {
  const query = useIncidentTasks(incident.id, incident.version);
  const notifications = useIncidentNotifications(incident.id);
  const notificationActions = useNotificationActions(incident);
  const actions = useTaskActions(incident);
  const change = useChangeTask();
  const canAct = incident.allowed.change;
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Task | null>(null);
  const [overriding, setOverriding] = useState<Task | null>(null);
  const [asking, setAsking] = useState<Task | null>(null);
  const [answering, setAnswering] = useState<Notification | null>(null);
  const requests = notifications.data?.items ?? [];
  const data = query.data;
  const open = data?.items.filter(isOpenTask) ?? [];
  const overdue = open.filter((t) => t.overdue).length;
  const over = incident.status === 'closed' || incident.status === 'dismissed';

  const save = (task: Task, changes: TaskChanges) =>
    change.mutateAsync({ task, changes }).then((next) => {
      if (changes.status) notifySuccess(`“${next.title}”: ${TASK_STATUS_LABELS[next.status].toLowerCase()}.`);
      return next;
    });
  const quick = (task: Task, changes: TaskChanges) =>
    save(task, changes).catch((error) => notifyError(`“${task.title}” was not changed`, error));

  const body = (
    <QueryView
      query={query}
      loading={
        <Stack gap="xs" aria-busy aria-label="Loading the tasks">
          <Skeleton h={48} />
          <Skeleton h={48} />
        </Stack>
      }
      errorTitle="Could not load the tasks"
      isEmpty={(d) => d.items.length === 0}
      empty={
        <EmptyState
          size="sm"
          py="md"
          icon={<IconChecklist size={26} />}
          withIndicatorBackground
          title="No tasks yet"
          description={
            canAct
              ? 'Apply a playbook to turn its steps into tasks — each given to whoever holds its role, with a due time from its clock — or add a task of your own.'
              : 'Nobody has applied a playbook or added a task on this incident yet.'
          }
        >
          {canAct && data && !over && (
            <EmptyState.Actions>
              <ApplyPlaybookMenu playbooks={data.playbooks} actions={actions} variant="filled" />
              <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
                Add task
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      }
    >
      {(d) => (
        <Stack gap="md">
          {groupByPhase(d.items).map((group) => (
            <Stack key={group.phase ?? 'other'} gap={0} component="section" aria-label={`${group.label} tasks`}>
              <Group gap={6}>
                <Badge size="sm" variant="light" color={group.phase ? PHASE_COLORS[group.phase] : 'gray'}>
                  {group.label}
                </Badge>
                <Text size="xs" c="dimmed">
                  {group.tasks.filter(isOpenTask).length} open of {group.tasks.length}
                </Text>
              </Group>
              <Stack gap={0} component="ul" pl={0} m={0} style={{ listStyle: 'none' }}>
                {group.tasks.map((task) => (
                  <TaskRow
                    key={task.id}
                    task={task}
                    candidates={d.candidates}
                    request={openRequest(task, requests)}
                    pending={change.isPending && change.variables?.task.id === task.id}
                    onChange={(changes) => void quick(task, changes)}
                    onOverride={() => setOverriding(task)}
                    onEdit={() => setEditing(task)}
                    onAsk={() => setAsking(task)}
                    onRecordAnswer={setAnswering}
                  />
                ))}
              </Stack>
            </Stack>
          ))}
        </Stack>
      )}
    </QueryView>
  );

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="tasks-title" id="tasks">
      <Group justify="space-between" mb="sm" gap="xs">
        <Group gap="xs">
          <Title order={2} fz="h4" id="tasks-title">
            Tasks
          </Title>
          {open.length > 0 && (
            <Badge variant="light" color="gray">
              {open.length} open
            </Badge>
          )}
          {overdue > 0 && (
            <Badge variant="filled" color="red">
              {overdue} overdue
            </Badge>
          )}
        </Group>
        {canAct && data && data.items.length > 0 && !over && (
          <Group gap="xs">
            <ApplyPlaybookMenu playbooks={data.playbooks} actions={actions} />
            <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
              Add task
            </Button>
          </Group>
        )}
      </Group>
      {body}
      <AddTaskModal opened={adding} onClose={() => setAdding(false)} actions={actions} candidates={data?.candidates ?? []} />
      <EditTaskModal task={editing} pending={change.isPending} onClose={() => setEditing(null)} onSave={save} />
      <AskCustomerModal
        target={asking ? { step: asStep(asking), ref: asking.stepRef ?? `task/${asking.id}` } : null}
        actions={notificationActions}
        onClose={() => setAsking(null)}
      />
      <RecordAnswerModal notification={answering} actions={notificationActions} onClose={() => setAnswering(null)} />
      <OverrideTaskModal task={overriding} change={change} onClose={() => setOverriding(null)} />
    </Paper>
  );
}
