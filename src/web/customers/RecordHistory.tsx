import { Button, Paper, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { QueryView } from '../core/QueryView.tsx';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { describeHistory } from './describe-history.ts';
import { type RegistryKind, useRecordHistory } from './registry-api.ts';

const FIRST = 8;

interface RecordHistoryProps {
  kind: RegistryKind;
  id: string;
  /** How the object is named in a sentence: "the customer". */
  what: string;
}

/** Who changed what and when, newest first, from the object's own hash-chained event stream. */
export function RecordHistory({ kind, id, what }: RecordHistoryProps) {
  const history = useRecordHistory(kind, id);
  const [all, setAll] = useState(false);

  const lines = useMemo(() => {
    const events = history.data ?? [];
    // Removal events carry only the user id: the name comes from when they were added.
    const names = new Map<string, string>();
    for (const e of events) {
      if (typeof e.data.userId === 'string' && typeof e.data.userName === 'string') names.set(e.data.userId, e.data.userName);
    }
    return [...events].reverse().map((event) => ({ event, ...describeHistory(event, what, (uid) => names.get(uid)) }));
  }, [history.data, what]);
  const shown = all ? lines : lines.slice(0, FIRST);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`history-${id}`}>
      <Title order={2} fz="h4" mb="md" id={`history-${id}`}>
        History
      </Title>
      <QueryView
        query={history}
        loading={
          <Stack gap="sm" aria-busy aria-label="Loading history">
            {[70, 55, 80].map((w) => (
              <Skeleton key={w} h={14} w={`${w}%`} />
            ))}
          </Stack>
        }
        errorTitle="Could not load the history"
      >
        {() => (
          <>
            <Timeline bulletSize={18} lineWidth={2} aria-label="History">
              {shown.map(({ event, summary, details }) => (
                <Timeline.Item key={event.seq} bullet={<IconHistory size={11} aria-hidden />}>
                  <Text size="sm">
                    <Text span fw={600} inherit>
                      {event.actor?.name ?? 'Muster'}
                    </Text>{' '}
                    {summary}
                    <Text span c="dimmed" inherit>
                      {' · '}
                      <RelativeTime value={event.recordedAt} />
                    </Text>
                  </Text>
                  {details.map((line) => (
                    <Text key={line} size="xs" c="dimmed">
                      {line}
                    </Text>
                  ))}
                </Timeline.Item>
              ))}
            </Timeline>
            {lines.length > FIRST && (
              <Button variant="subtle" size="xs" mt="sm" onClick={() => setAll((v) => !v)}>
                {all ? 'Show fewer' : `Show all ${lines.length} changes`}
              </Button>
            )}
          </>
        )}
      </QueryView>
    </Paper>
  );
}
