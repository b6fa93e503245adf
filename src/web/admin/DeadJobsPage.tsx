import { Alert, EmptyState, Group, Loader, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck, IconLock } from '@tabler/icons-react';
import { QueryView } from '../core/QueryView.tsx';
import { useAccess } from '../customers/customers-api.ts';
import { DeadJobTable } from './DeadJobTable.tsx';
import { useDeadJobs } from './jobs-api.ts';

/** `/admin/jobs`: the dead letters — background jobs (deliveries, timers) that failed every attempt — to retry. */
export function DeadJobsPage() {
  useDocumentTitle('Failed jobs — Muster');
  const { data: access } = useAccess();
  const admin = access?.allowed.retryJobs ?? false;
  const query = useDeadJobs(admin);

  const body =
    access && !admin ? (
      <Alert color="gray" variant="light" icon={<IconLock size={18} />} title="For administrators">
        Only administrators see failed background jobs. Ask one if a notification or reminder seems stuck.
      </Alert>
    ) : (
      <QueryView
        query={query}
        loading={
          <Stack gap="xs" p="md" aria-busy aria-label="Loading failed jobs">
            <Skeleton h={40} />
            <Skeleton h={40} />
          </Stack>
        }
        errorTitle="Could not load the failed jobs"
        empty={
          <EmptyState
            py="xl"
            icon={<IconCircleCheck size={30} />}
            withIndicatorBackground
            title="No failed jobs"
            description="Every delivery, escalation timer and reminder ran or is still waiting for its turn. A job that fails all its attempts shows up here, with its error and a Retry button."
          />
        }
      >
        {(jobs) => <DeadJobTable jobs={jobs} />}
      </QueryView>
    );

  return (
    <Stack gap="lg" maw={1280} mx="auto">
      <div>
        <Group gap="xs">
          <Title order={1} fz="h2">
            Failed jobs
          </Title>
          {query.isFetching && !query.isPending && <Loader size="xs" aria-label="Refreshing" />}
        </Group>
        <Text c="dimmed" size="sm">
          Dead letters: background jobs that failed every attempt. Fix the cause (a setting, a receiver that was down), then
          retry.
        </Text>
      </div>
      <Paper withBorder radius="md" component="section" aria-label="Dead letters">
        {body}
      </Paper>
    </Stack>
  );
}
