import { Anchor, Grid, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useCurrentPlans, useCustomerList } from '../plans/plans-api.ts';
import { useMyTasks } from '../tasks/tasks-api.ts';
import { ClocksAtRiskCard } from './ClocksAtRiskCard.tsx';
import { CustomersWithoutPlanCard } from './CustomersWithoutPlanCard.tsx';
import { dashboardKeys, useDashboardSummary, useMyActions, useOverdueActions } from './dashboard-api.ts';
import { incidentListLink } from './incident-links.ts';
import { MyActionsCard } from './MyActionsCard.tsx';
import { MyTasksCard } from './MyTasksCard.tsx';
import { OpenIncidentsCard } from './OpenIncidentsCard.tsx';
import { OverdueActionsCard } from './OverdueActionsCard.tsx';
import { PlansDueCard } from './PlansDueCard.tsx';

interface FigureProps {
  label: string;
  /** undefined while loading; null when it could not be loaded. */
  value: number | string | undefined | null;
  color?: string;
  hint?: string;
  to: string;
}

function Figure({ label, value, color, hint, to }: FigureProps) {
  const shown = value === undefined ? '…' : value === null ? '–' : value;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={label}>
      <Anchor component={Link} to={to} underline="never" c="inherit" display="block">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.3}>
          {label}
        </Text>
        <Text fz={28} fw={750} c={value ? color : undefined} lh={1.2} data-figure>
          {shown}
        </Text>
        <Text size="xs" c="dimmed" mih={18}>
          {hint ?? ''}
        </Text>
      </Anchor>
    </Paper>
  );
}

/**
 * `/dashboard`: the work that stands. Open incidents by severity and stage, the reporting clocks due within 24 hours,
 * my tasks and review actions, overdue actions, then the plans due for review. Live: timeline messages refresh it.
 */
export function DashboardPage() {
  useDocumentTitle('Dashboard — Muster');
  const client = useQueryClient();
  const summary = useDashboardSummary();
  const tasks = useMyTasks('open');
  const myActions = useMyActions();
  const overdueActions = useOverdueActions();
  const plans = useCurrentPlans();
  const customers = useCustomerList();

  // Review actions change by their incidents' timeline messages, which refresh the summary: refresh them with it.
  const seenAt = useRef(0);
  useEffect(() => {
    if (!summary.dataUpdatedAt) return;
    if (seenAt.current) void client.invalidateQueries({ queryKey: dashboardKeys.actions });
    seenAt.current = summary.dataUpdatedAt;
  }, [summary.dataUpdatedAt, client]);

  const data = summary.data;
  const taskItems = tasks.data?.pages.flatMap((p) => p.items);
  const moreTasks = Boolean(tasks.data?.pages.at(-1)?.nextCursor);
  const overdueTasks = taskItems?.filter((t) => t.overdue).length ?? 0;
  const exercises = data?.exercise.open.total ?? 0;
  const refreshing = [summary, tasks, myActions, overdueActions, plans].some((q) => q.isFetching && !q.isPending);

  return (
    <Stack gap="lg" maw={1280} mx="auto">
      <div>
        <Group gap="xs">
          <Title order={1} fz="h2">
            Dashboard
          </Title>
          {refreshing && <Loader size="xs" aria-label="Refreshing" />}
        </Group>
        <Text c="dimmed" size="sm">
          The work that stands: open incidents, clocks about to run out, and what is yours to do. Times are in your time zone.
        </Text>
      </div>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        <Figure
          label="Open incidents"
          value={summary.isError && !data ? null : data?.real.open.total}
          to={incidentListLink({ exercise: false })}
          hint={exercises ? `and ${exercises} exercise${exercises === 1 ? '' : 's'}` : undefined}
        />
        <Figure
          label={`Clocks at risk in ${data?.windowHours ?? 24} h`}
          value={summary.isError && !data ? null : data?.real.clocks.total}
          color={data?.real.clocks.overdue ? 'red' : 'orange'}
          to="/deadlines"
          hint={data?.real.clocks.overdue ? `${data.real.clocks.overdue} already overdue` : undefined}
        />
        <Figure
          label="My open tasks"
          value={tasks.isError && !taskItems ? null : taskItems && (moreTasks ? `${taskItems.length}+` : taskItems.length)}
          to="/tasks"
          hint={overdueTasks ? `${overdueTasks} overdue` : undefined}
        />
        <Figure
          label="Overdue actions"
          value={overdueActions.isError && !overdueActions.data ? null : overdueActions.data?.length}
          color="red"
          to="/actions"
          hint={overdueActions.isError && !overdueActions.data ? 'not available' : undefined}
        />
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <OpenIncidentsCard
            real={data?.real.open}
            exercise={data?.exercise.open}
            error={summary.error}
            onRetry={() => summary.refetch()}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <ClocksAtRiskCard
            real={data?.real.clocks}
            exercise={data?.exercise.clocks}
            windowHours={data?.windowHours ?? 24}
            error={summary.error}
            onRetry={() => summary.refetch()}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <MyTasksCard tasks={taskItems} more={moreTasks} error={tasks.error} onRetry={() => tasks.refetch()} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <MyActionsCard query={myActions} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <OverdueActionsCard query={overdueActions} />
        </Grid.Col>
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
