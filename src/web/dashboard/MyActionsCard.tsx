import { Anchor, Badge, Group, Paper, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ReviewAction } from '../../shared/review-types.ts';
import { ActionList } from './ActionList.tsx';

/** Review actions the user owns and has still to do, soonest due first. */
export function MyActionsCard({ query }: { query: UseQueryResult<ReviewAction[]> }) {
  const count = query.data?.length ?? 0;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="my-actions-title">
      <Group gap="xs" mb="sm" justify="space-between">
        <Group gap="xs">
          <Title order={2} fz="h4" id="my-actions-title">
            My actions
          </Title>
          {count > 0 && <Badge variant="light">{count}</Badge>}
        </Group>
        <Anchor component={Link} to="/actions" size="sm">
          All my actions
        </Anchor>
      </Group>
      <ActionList
        query={query}
        label="My actions"
        emptyTitle="No actions for you"
        emptyDescription="Lessons from post-incident reviews become actions with an owner and a due date; the ones given to you show up here."
      />
    </Paper>
  );
}
