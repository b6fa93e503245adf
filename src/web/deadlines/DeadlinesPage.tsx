import { Badge, EmptyState, Group, Loader, Paper, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconClockCheck } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { QueryView } from '../core/QueryView.tsx';
import { ExerciseBadge } from '../incidents/ExerciseBadge.tsx';
import { useCustomerList } from '../plans/plans-api.ts';
import { useTicker } from '../plans/use-ticker.ts';
import { DeadlineTable, shownStatus } from './DeadlineTable.tsx';
import { type DeadlineScope, useDeadlines } from './deadlines-api.ts';

/** `/deadlines`: every reporting clock across incidents, overdue first, then the soonest due; `?scope=all` adds met ones. */
export function DeadlinesPage() {
  useDocumentTitle('Deadlines — Muster');
  const [params, setParams] = useSearchParams();
  const scope: DeadlineScope = params.get('scope') === 'all' ? 'all' : 'open';
  const query = useDeadlines(scope);
  const customers = useCustomerList();
  const now = useTicker(1000);
  const items = query.data?.items ?? [];
  // Exercise clocks are practice: listed apart and never in the count of real ones.
  const real = items.filter((d) => !d.exercise);
  const drills = items.filter((d) => d.exercise);
  const overdue = real.filter((d) => shownStatus(d, now) === 'overdue').length;
  const drillsOverdue = drills.filter((d) => shownStatus(d, now) === 'overdue').length;
  const customerName = (id: string | null) => (id ? (customers.data?.find((c) => c.id === id)?.name ?? null) : null);

  const body = (
    <QueryView
      query={query}
      loading={
        <Stack gap="xs" p="md" aria-busy aria-label="Loading deadlines">
          <Skeleton h={40} />
          <Skeleton h={40} />
          <Skeleton h={40} />
        </Stack>
      }
      errorTitle="Could not load the deadlines"
      empty={
        <EmptyState
          py="xl"
          icon={<IconClockCheck size={30} />}
          withIndicatorBackground
          title={scope === 'open' ? 'No reporting clocks are running' : 'No reporting clocks yet'}
          description={
            scope === 'open'
              ? 'When an incident triggers an obligation — personal data involved (GDPR), a significant incident (NIS2), a contract’s notice period — its deadline shows up here with a countdown. Clocks that were met or waived are under “All”.'
              : 'Switch on reporting obligations on a customer’s Obligations tab; incidents that trigger them start clocks that show up here.'
          }
        />
      }
      isEmpty={(data) => data.items.every((d) => d.exercise)}
    >
      {(data) => <DeadlineTable items={data.items.filter((d) => !d.exercise)} now={now} customerName={customerName} />}
    </QueryView>
  );

  return (
    <Stack gap="lg" maw={1280} mx="auto">
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="xs">
            <Title order={1} fz="h2">
              Deadlines
            </Title>
            {overdue > 0 && (
              <Badge color="red" variant="filled" size="lg">
                {overdue} overdue
              </Badge>
            )}
            {query.isFetching && !query.isPending && <Loader size="xs" aria-label="Refreshing" />}
          </Group>
          <Text c="dimmed" size="sm">
            Reporting obligations across incidents: the soonest due first. Times are in your time zone.
          </Text>
        </div>
        <SegmentedControl
          aria-label="Which clocks"
          value={scope}
          onChange={(value) => setParams(value === 'all' ? { scope: 'all' } : {}, { replace: true })}
          data={[
            { value: 'open', label: 'Open clocks' },
            { value: 'all', label: 'All, with met and waived' },
          ]}
        />
      </Group>
      <Paper withBorder radius="md" component="section" aria-label="Deadlines across incidents">
        {body}
      </Paper>
      {drills.length > 0 && (
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="exercise-clocks">
          <Stack gap="sm">
            <div>
              <Group gap="xs">
                <ExerciseBadge />
                <Title order={2} fz="h4" id="exercise-clocks">
                  Exercise clocks
                </Title>
                {drillsOverdue > 0 && (
                  <Badge color="grape" variant="light">
                    {drillsOverdue} overdue in exercises
                  </Badge>
                )}
              </Group>
              <Text c="dimmed" size="sm">
                Clocks of exercise incidents: practice, owed to nobody, and not counted with the real ones above.
              </Text>
            </div>
            <DeadlineTable items={drills} now={now} customerName={customerName} label="Exercise deadlines" />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
