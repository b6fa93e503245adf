import { Anchor, Badge, EmptyState, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconCalendarCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Customer, PlanVersionSummary } from '../../shared/prepare-types.ts';
import { ErrorState } from '../core/ErrorState.tsx';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { ReviewByBadge } from '../plans/ReviewByBadge.tsx';

interface PlansDueCardProps {
  plans: PlanVersionSummary[] | undefined;
  customers: Customer[] | undefined;
  error: unknown;
  onRetry: () => void;
}

/** Every plan in force, overdue reviews first, then the soonest review. */
export function PlansDueCard({ plans, customers, error, onRetry }: PlansDueCardProps) {
  const nameOf = (id: string) => customers?.find((c) => c.id === id)?.name ?? 'Customer';
  const sorted = [...(plans ?? [])].sort(
    (a, b) => Number(b.reviewOverdue) - Number(a.reviewOverdue) || Date.parse(a.reviewBy) - Date.parse(b.reviewBy),
  );
  const overdue = sorted.filter((p) => p.reviewOverdue).length;

  let body: React.ReactNode;
  if (error) body = <ErrorState title="Could not load the plans" error={error} onRetry={onRetry} />;
  else if (!plans)
    body = (
      <Stack gap="xs" p="md" aria-busy aria-label="Loading plans">
        <Skeleton h={36} />
        <Skeleton h={36} />
        <Skeleton h={36} />
      </Stack>
    );
  else if (sorted.length === 0)
    body = (
      <EmptyState
        size="sm"
        py="lg"
        icon={<IconCalendarCheck size={26} />}
        withIndicatorBackground
        title="No published plans yet"
        description="Publish a customer’s contingency plan on its Plans tab; its review date then shows up here."
      />
    );
  else
    body = (
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Plans due for review">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Customer</Table.Th>
              <Table.Th scope="col">Plan in force</Table.Th>
              <Table.Th scope="col">Review by</Table.Th>
              <Table.Th scope="col">Owner</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((p) => (
              <Table.Tr key={p.id} data-overdue={p.reviewOverdue || undefined}>
                <Table.Td>
                  <Anchor component={Link} to={`/customers/${encodeURIComponent(p.customerId)}?tab=plans`} size="sm" fw={600}>
                    {nameOf(p.customerId)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/plans/${p.id}`} size="sm">
                    Version {p.version}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    published <RelativeTime value={p.publishedAt} span />
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ReviewByBadge reviewBy={p.reviewBy} overdue={p.reviewOverdue} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{p.owner}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Paper withBorder radius="md" component="section" aria-labelledby="plans-due-title">
      <Group p="md" pb="xs" gap="xs">
        <Title order={2} fz="h4" id="plans-due-title">
          Plans due for review
        </Title>
        {overdue > 0 && (
          <Badge color="red" variant="filled">
            {overdue} overdue
          </Badge>
        )}
      </Group>
      {body}
    </Paper>
  );
}
