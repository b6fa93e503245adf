import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import type { Incident } from '../../shared/api-types.ts';
import type { Notification } from '../../shared/notification-types.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { fillIncidentTemplate, purposeNoun } from './notification-labels.ts';
import type { NotificationActions } from './notifications-api.ts';

interface ReadyToSendListProps {
  drafts: Notification[];
  incident: Incident;
  actions: NotificationActions;
  canAct: boolean;
}

/** Prepared notifications, first on the panel: "Ready to send: report to the customer", one click to send. */
export function ReadyToSendList({ drafts, incident, actions, canAct }: ReadyToSendListProps) {
  if (drafts.length === 0) return null;
  const sending = actions.sendDraft.isPending ? actions.sendDraft.variables : null;
  const send = (n: Notification) =>
    actions.sendDraft.mutate(n.id, {
      onSuccess: () => notifySuccess('It walks the ladder from the incident’s communication level.', 'Sent'),
      onError: (error) => notifyError('Not sent', error),
    });

  return (
    <Stack gap="xs">
      {drafts.map((n) => {
        const subject = fillIncidentTemplate(n.subject, incident);
        return (
          <Paper
            key={n.id}
            withBorder
            radius="md"
            p="sm"
            bg="var(--mantine-color-blue-light)"
            style={{ borderColor: 'var(--mantine-color-blue-outline)' }}
            component="article"
            aria-label={`Ready to send: ${purposeNoun(n.purpose)}`}
          >
            <Group justify="space-between" wrap="nowrap" align="center" gap="sm">
              <div style={{ minWidth: 0 }}>
                <Group gap={6} wrap="nowrap">
                  <IconSend size={16} color="var(--mantine-color-blue-filled)" aria-hidden />
                  <Text size="sm" fw={700} c="blue">
                    Ready to send: {purposeNoun(n.purpose)}
                  </Text>
                </Group>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {subject}
                </Text>
                <Text size="xs" c="dimmed">
                  Prepared by {n.createdBy} <RelativeTime value={n.createdAt} span />
                  {n.ladder[0] && ` · first to ${n.ladder[0].contactName || n.ladder[0].address || 'the primary level'}`}
                </Text>
              </div>
              {canAct && (
                <Button
                  leftSection={<IconSend size={16} />}
                  loading={sending === n.id}
                  onClick={() => send(n)}
                  aria-label={`Send: ${subject}`}
                >
                  Send
                </Button>
              )}
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
