import { Anchor, Badge, Group, List, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Customer, PlanVersionSummary } from '../../shared/prepare-types.ts';

interface CustomersWithoutPlanCardProps {
  plans: PlanVersionSummary[] | undefined;
  customers: Customer[] | undefined;
}

/** Customers whose incidents would work from an unpublished draft. */
export function CustomersWithoutPlanCard({ plans, customers }: CustomersWithoutPlanCardProps) {
  const without = plans && customers ? customers.filter((c) => !plans.some((p) => p.customerId === c.id)) : undefined;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="no-plan-title">
      <Group gap="xs" mb="xs" wrap="nowrap" justify="space-between" align="flex-start">
        <Title order={2} fz="h4" id="no-plan-title">
          Without a published plan
        </Title>
        {without && without.length > 0 && (
          <Badge color="orange" variant="light">
            {without.length}
          </Badge>
        )}
      </Group>
      {!without && (
        <Stack gap="xs" aria-busy aria-label="Loading customers">
          <Skeleton h={16} w="60%" />
          <Skeleton h={16} w="40%" />
        </Stack>
      )}
      {without && without.length === 0 && (
        <Group gap="xs">
          <IconCircleCheck size={18} color="var(--mantine-color-teal-6)" aria-hidden />
          <Text size="sm">{customers?.length ? 'Every customer has a published plan.' : 'No customers yet.'}</Text>
        </Group>
      )}
      {without && without.length > 0 && (
        <>
          <Text size="sm" c="dimmed" mb="xs">
            Their incidents work from an unpublished draft, and there is no offline kit to print. Open the Plans tab to publish.
          </Text>
          <List size="sm" spacing={4}>
            {without.map((c) => (
              <List.Item key={c.id}>
                <Anchor component={Link} to={`/customers/${encodeURIComponent(c.id)}?tab=plans`} size="sm">
                  {c.name}
                </Anchor>
                {c.code && (
                  <Text span size="xs" c="dimmed" ff="monospace">
                    {' '}
                    {c.code}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Paper>
  );
}
