import { Paper, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconArchive, IconCopy, IconPencil } from '@tabler/icons-react';
import { ErrorState } from '../core/ErrorState.tsx';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { usePlaybookHistory } from './playbooks-api.ts';

const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  summary: 'summary',
  categories: 'categories',
  steps: 'steps',
  slug: 'slug',
};

function describe(type: string, data: Record<string, unknown>, basedOnName: string | undefined): string {
  if (type.endsWith('.created')) return data.basedOn ? `Copied from “${basedOnName ?? String(data.basedOn)}”` : 'Created';
  if (type.endsWith('.archived')) return 'Archived';
  const changes = (data.changes ?? {}) as Record<string, unknown>;
  const fields = Object.keys(changes).map((f) => FIELD_WORDS[f] ?? f);
  return fields.length ? `Changed ${fields.join(', ')}` : 'Changed';
}

/** Every version of a stored playbook: who saved it, when, and what changed. */
export function PlaybookHistory({ id, basedOnName }: { id: string; basedOnName?: string }) {
  const history = usePlaybookHistory(id);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="playbook-history-title">
      <Title order={2} fz="h4" mb="sm" id="playbook-history-title">
        Versions
      </Title>
      {history.isPending && (
        <Stack gap="xs" aria-busy aria-label="Loading versions">
          <Skeleton h={14} w="70%" />
          <Skeleton h={14} w="50%" />
        </Stack>
      )}
      {history.isError && (
        <ErrorState title="Could not load the versions" error={history.error} onRetry={() => history.refetch()} />
      )}
      {history.data && (
        <Timeline bulletSize={22} lineWidth={2} active={history.data.length - 1}>
          {[...history.data].reverse().map((event) => {
            const icon = event.type.endsWith('.created') ? (
              <IconCopy size={12} />
            ) : event.type.endsWith('.archived') ? (
              <IconArchive size={12} />
            ) : (
              <IconPencil size={12} />
            );
            return (
              <Timeline.Item key={event.seq} bullet={icon} title={`Version ${event.seq}`}>
                <Text size="sm">{describe(event.type, event.data, basedOnName)}</Text>
                <Text size="xs" c="dimmed">
                  {event.actor?.name ?? 'Muster'} · <RelativeTime value={event.recordedAt} span />
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Paper>
  );
}
