import { Badge, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconMessage } from '@tabler/icons-react';
import type { Reporter, TriageItemDetail } from '../../shared/triage-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';

function reporterWords(reporter: Reporter | null): string {
  if (!reporter || reporter.anonymous) return 'Anonymous';
  if (reporter.name && reporter.email) return `${reporter.name} <${reporter.email}>`;
  return reporter.name ?? reporter.email ?? 'Unknown sender';
}

/** A report from e-mail or the public form: who sent it, what they wrote, and what they added later. */
export function TriageReport({ detail }: { detail: TriageItemDetail }) {
  const { item, messages } = detail;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="triage-report-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="h4" id="triage-report-title">
          Report
        </Title>
        {item.reporter?.anonymous && (
          <Badge variant="light" color="gray">
            Anonymous
          </Badge>
        )}
      </Group>
      <Stack gap="md">
        <div>
          <Text size="xs" c="dimmed">
            From {reporterWords(item.reporter)}, <RelativeTime value={item.firstSeen} span />
          </Text>
          {/* Text from outside: shown as written, never as markup. */}
          <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-report-text>
            {item.description || 'No text was given.'}
          </Text>
        </div>
        {messages.length > 0 && (
          <div>
            <Title order={4} fz="sm" mb="xs">
              Added later
            </Title>
            <Timeline bulletSize={22} lineWidth={2}>
              {messages.map((message) => (
                <Timeline.Item
                  key={message.id}
                  bullet={<IconMessage size={12} />}
                  title={
                    <Text size="xs" c="dimmed">
                      {reporterWords(message.author)}, <RelativeTime value={message.receivedAt} span />
                    </Text>
                  }
                >
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {message.body}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
