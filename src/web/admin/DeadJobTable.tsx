import { Button, Code, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconRotateClockwise } from '@tabler/icons-react';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { type Job, useRetryJob } from './jobs-api.ts';

/** "notification.deliver" → "Notification deliver": the job's name in words, the exact name underneath. */
function jobWords(name: string): string {
  const words = name.replace(/[._-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Dead letters, newest first as the API lists them: what failed, how often, why, and a Retry button. */
export function DeadJobTable({ jobs }: { jobs: Job[] }) {
  const retry = useRetryJob();
  const run = (job: Job) =>
    retry.mutate(job.id, {
      onSuccess: () => notifySuccess(`${jobWords(job.name)} is queued again and runs in a moment.`, 'Retrying'),
      onError: (error) => notifyError(`${jobWords(job.name)}: not retried`, error),
    });

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" aria-label="Failed jobs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Job</Table.Th>
            <Table.Th scope="col">Attempts</Table.Th>
            <Table.Th scope="col">Last error</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Action</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.map((job) => (
            <Table.Tr key={job.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {jobWords(job.name)}
                </Text>
                <Tooltip
                  label={<pre style={{ margin: 0 }}>{JSON.stringify(job.payload, null, 2)}</pre>}
                  withArrow
                  multiline
                  maw={420}
                >
                  <Code>{job.name}</Code>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {job.attempts} of {job.maxAttempts}
                </Text>
              </Table.Td>
              <Table.Td maw={420}>
                <Text size="xs" c="red" ff="monospace" lineClamp={4} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                  {job.lastError ?? 'No error recorded'}
                </Text>
              </Table.Td>
              <Table.Td>
                <RelativeTime value={job.createdAt} size="sm" />
                {job.finishedAt && (
                  <Text size="xs" c="dimmed">
                    gave up <RelativeTime value={job.finishedAt} span />
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconRotateClockwise size={14} />}
                  loading={retry.isPending && retry.variables === job.id}
                  onClick={() => run(job)}
                  aria-label={`Retry ${jobWords(job.name)} (${job.id})`}
                >
                  Retry
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
