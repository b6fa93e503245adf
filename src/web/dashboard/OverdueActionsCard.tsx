import { Anchor, Badge, Group, Paper, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ReviewAction } from '../../shared/review-types.ts';
import { ActionList } from './ActionList.tsx';

/** Review actions past their due date and still to do, whoever owns them: lessons not yet acted on. */
export function OverdueActionsCard({ query }: { query: UseQueryResult<ReviewAction[]> }) {
  const count = query.data?.length ?? 0;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="overdue-actions-title">
      <Group gap="xs" mb="sm" justify="space-between">
        <Group gap="xs">
          <Title order={2} fz="h4" id="overdue-actions-title">
            Overdue actions
          </Title>
          {count > 0 && (
            <Badge color="red" variant="filled">
              {count}
            </Badge>
          )}
        </Group>
        <Anchor component={Link} to="/actions" size="sm">
          Actions
        </Anchor>
      </Group>
      <ActionList
        query={query}
        label="Overdue actions"
        showOwner
        emptyTitle="No overdue actions"
        emptyDescription="Every action from a review is done or still within its due date."
      />
    </Paper>
  );
}
