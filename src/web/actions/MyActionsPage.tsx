import { Badge, Button, EmptyState, Group, Loader, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconBulb } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import type { ActionStatus, ReviewAction } from '../../shared/review-types.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { ActionRow } from './ActionRow.tsx';
import { ACTION_STATUS_LABELS } from './action-labels.ts';
import { type ActionPage, type MyActionStatus, useChangeAction, useMyActions } from './actions-api.ts';

/**
 * `/actions`: the review actions I own on every incident I may see, the soonest due first (overdue ones marked), with
 * the incident each came from. An action outlives its incident, so closed incidents' actions are here too.
 */
export function MyActionsPage() {
  useDocumentTitle('My actions — Muster');
  const [params, setParams] = useSearchParams();
  const status: MyActionStatus = params.get('status') === 'all' ? 'all' : 'open';
  const query = useMyActions(status);
  const change = useChangeAction();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const overdue = items.filter((a) => a.overdue).length;

  const setStatus = (action: ReviewAction, next: ActionStatus) =>
    change
      .mutateAsync({ action, changes: { status: next } })
      .then((saved) => notifySuccess(`“${saved.title}”: ${ACTION_STATUS_LABELS[saved.status].toLowerCase()}.`))
      .catch((error) => notifyError(`“${action.title}” was not changed`, error));

  return (
    <Stack gap="lg" maw={960} mx="auto">
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="xs">
            <Title order={1} fz="h2">
              My actions
            </Title>
            {overdue > 0 && (
              <Badge color="red" variant="filled" size="lg">
                {overdue} overdue
              </Badge>
            )}
            {query.isFetching && !query.isPending && <Loader size="xs" aria-label="Refreshing" />}
          </Group>
          <Text c="dimmed" size="sm">
            Actions from post-incident reviews that you own, the soonest due first. Times are in your time zone.
          </Text>
        </div>
        <SegmentedControl
          aria-label="Which actions"
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
          <Stack gap="xs" aria-busy aria-label="Loading your actions">
            <Skeleton h={64} />
            <Skeleton h={64} />
          </Stack>
        }
        errorTitle="Could not load your actions"
        isEmpty={(data) => data.pages.every((p: ActionPage) => p.items.length === 0)}
        empty={
          <Paper withBorder radius="md">
            <EmptyState
              py="xl"
              icon={<IconBulb size={30} />}
              withIndicatorBackground
              title={status === 'open' ? 'Nothing on your list' : 'You own no actions yet'}
              description="When a review turns a lesson into an action and makes you its owner, it shows up here, and you are reminded once through your own channels when it falls due. Actions are added on the incident's page once it is in review."
            />
          </Paper>
        }
      >
        {() => (
          <Paper withBorder radius="md" p="md">
            <Stack gap={0} component="ul" pl={0} m={0} style={{ listStyle: 'none' }}>
              {items.map((action) => (
                <ActionRow
                  key={action.id}
                  action={action}
                  pending={change.isPending && change.variables?.action.id === action.id}
                  onStatus={(next) => void setStatus(action, next)}
                  showIncident
                />
              ))}
            </Stack>
            {query.hasNextPage && (
              <Button mt="sm" variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                Show more
              </Button>
            )}
          </Paper>
        )}
      </QueryView>
    </Stack>
  );
}
