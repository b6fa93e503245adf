import { Grid, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useCurrentPlans, useCustomerList } from '../plans/plans-api.ts';
import { CustomersWithoutPlanCard } from './CustomersWithoutPlanCard.tsx';
import { PlansDueCard } from './PlansDueCard.tsx';

function Figure({ label, value, color }: { label: string; value: number | undefined; color?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.3}>
        {label}
      </Text>
      <Text fz={28} fw={750} c={value ? color : undefined} lh={1.2}>
        {value ?? '–'}
      </Text>
    </Paper>
  );
}

/** `/dashboard`: where preparation stands: plans due for review and customers without a plan. */
export function DashboardPage() {
  useDocumentTitle('Dashboard — Muster');
  const plans = useCurrentPlans();
  const customers = useCustomerList();
  const overdue = plans.data?.filter((p) => p.reviewOverdue).length;
  const withoutPlan =
    plans.data && customers.data
      ? customers.data.filter((c) => !plans.data.some((p) => p.customerId === c.id)).length
      : undefined;

  return (
    <Stack gap="lg" maw={1280} mx="auto">
      <div>
        <Group gap="xs">
          <Title order={1} fz="h2">
            Dashboard
          </Title>
          {(plans.isFetching || customers.isFetching) && !plans.isPending && <Loader size="xs" aria-label="Refreshing" />}
        </Group>
        <Text c="dimmed" size="sm">
          Preparation decides the outcome: keep every customer’s contingency plan published and reviewed.
        </Text>
      </div>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        <Figure label="Customers" value={customers.data?.length} />
        <Figure label="Plans in force" value={plans.data?.length} />
        <Figure label="Reviews overdue" value={overdue} color="red" />
        <Figure label="Without a plan" value={withoutPlan} color="orange" />
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <PlansDueCard plans={plans.data} customers={customers.data} error={plans.error} onRetry={() => plans.refetch()} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <CustomersWithoutPlanCard plans={plans.data} customers={customers.error ? [] : customers.data} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
