import { Badge, Button, EmptyState, Group, Paper, Skeleton, Stack, Title } from '@mantine/core';
import { IconBulb, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import type { ActionStatus, ReviewAction } from '../../shared/review-types.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { ActionRow } from './ActionRow.tsx';
import { AddActionModal } from './AddActionModal.tsx';
import { ACTION_STATUS_LABELS } from './action-labels.ts';
import { useChangeAction, useCreateAction, useIncidentActions } from './actions-api.ts';
import { EditActionModal } from './EditActionModal.tsx';

const LATE_STAGES = ['reviewing', 'closed'];

/**
 * The actions from the incident's review: owner, due date, status and what each changes in the plan. Shown once the
 * incident is reviewing or closed, or as soon as it has an action (a lesson can come early).
 */
export function ActionsCard({ incident }: { incident: Incident }) {
  const query = useIncidentActions(incident.id, incident.version);
  const create = useCreateAction(incident);
  const change = useChangeAction();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ReviewAction | null>(null);
  const items = query.data?.items ?? [];
  if (!LATE_STAGES.includes(incident.status) && items.length === 0) return null;
  const canAdd = incident.allowed.change && incident.status !== 'dismissed';
  const overdue = items.filter((a) => a.overdue).length;

  const setStatus = (action: ReviewAction, status: ActionStatus) =>
    change
      .mutateAsync({ action, changes: { status } })
      .then((next) => notifySuccess(`“${next.title}”: ${ACTION_STATUS_LABELS[next.status].toLowerCase()}.`))
      .catch((error) => notifyError(`“${action.title}” was not changed`, error));

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="actions-title">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Title order={2} fz="h4" id="actions-title">
            Actions from the review
          </Title>
          {overdue > 0 && (
            <Badge color="red" variant="filled">
              {overdue} overdue
            </Badge>
          )}
        </Group>
        {canAdd && items.length > 0 && (
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
            Add action
          </Button>
        )}
      </Group>
      <QueryView
        query={query}
        loading={<Skeleton h={48} aria-busy aria-label="Loading the actions" />}
        errorTitle="Could not load the actions"
        isEmpty={(d) => d.items.length === 0}
        empty={
          <EmptyState
            size="sm"
            py="md"
            icon={<IconBulb size={26} />}
            withIndicatorBackground
            title="No actions yet"
            description={
              canAdd
                ? 'Turn each lesson into an action with an owner and a due date. One that changes a playbook or the plan is done when the customer’s plan is published with that change.'
                : 'Nobody has turned a lesson from this incident into an action yet.'
            }
          >
            {canAdd && (
              <EmptyState.Actions>
                <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
                  Add action
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        }
      >
        {(data) => (
          <Stack gap={0} component="ul" pl={0} m={0} style={{ listStyle: 'none' }}>
            {data.items.map((action) => (
              <ActionRow
                key={action.id}
                action={action}
                pending={change.isPending && change.variables?.action.id === action.id}
                onStatus={(status) => void setStatus(action, status)}
                onEdit={() => setEditing(action)}
              />
            ))}
          </Stack>
        )}
      </QueryView>
      <AddActionModal
        opened={adding}
        onClose={() => setAdding(false)}
        create={create}
        candidates={query.data?.candidates ?? []}
        targets={query.data?.targets ?? []}
      />
      <EditActionModal
        action={editing}
        onClose={() => setEditing(null)}
        change={change}
        candidates={query.data?.candidates ?? []}
      />
    </Paper>
  );
}
