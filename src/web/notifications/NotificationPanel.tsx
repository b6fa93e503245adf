import { Button, EmptyState, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconSend, IconShieldX, IconSpeakerphone } from '@tabler/icons-react';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import type { Notification } from '../../shared/notification-types.ts';
import { QueryView } from '../core/QueryView.tsx';
import { useTimeline } from '../incidents/incidents-api.ts';
import { obligationStageNames } from '../plans/plan-format.ts';
import { useIncidentPlan } from '../plans/plans-api.ts';
import { AcknowledgeModal } from './AcknowledgeModal.tsx';
import { CommunicationLevelControl } from './CommunicationLevelControl.tsx';
import { CompromisedChannelsList } from './CompromisedChannelsList.tsx';
import { DeclareCompromisedModal } from './DeclareCompromisedModal.tsx';
import { NotificationCard } from './NotificationCard.tsx';
import { NotifyFormModal } from './NotifyFormModal.tsx';
import { channelChoices, incidentChannels } from './notification-channels.ts';
import { useIncidentNotifications, useNotificationActions } from './notifications-api.ts';
import { ReadyToSendList } from './ReadyToSendList.tsx';
import { RecordAnswerModal } from './RecordAnswerModal.tsx';

/**
 * The incident's notifications: prepared drafts ready to send, then every notification newest first with its
 * delivery tries; the incident's communication level and compromised channels; "Notify…".
 */
export function NotificationPanel({ incident }: { incident: Incident }) {
  const query = useIncidentNotifications(incident.id);
  // The timeline (the page's own query) says which notifications went by themselves.
  const timeline = useTimeline(incident.id);
  const automatic = new Set(
    (timeline.data ?? []).flatMap((e) =>
      e.type === 'notification.requested' && e.data.automatic ? [e.data.notificationId] : [],
    ),
  );
  const plan = useIncidentPlan(incident.id, incident.version);
  const actions = useNotificationActions(incident);
  const canAct = incident.allowed.change;
  const [notifying, setNotifying] = useState(false);
  const [declaring, setDeclaring] = useState(false);
  const [acking, setAcking] = useState<Notification | null>(null);
  const [answering, setAnswering] = useState<Notification | null>(null);

  const items = query.data?.items ?? [];
  const compromised = query.data?.compromisedChannels ?? [];
  const drafts = items.filter((n) => n.status === 'draft');
  const sent = items.filter((n) => n.status !== 'draft').reverse();
  const channels = incidentChannels(plan.data, items);
  const stages = obligationStageNames(plan.data);
  const stageName = (ref: string) => {
    const names = stages.get(ref);
    return names ? `${names.obligation} — ${names.stage}` : null;
  };

  const body = !incident.customerId ? (
    <Text size="sm" c="dimmed">
      No customer is set. Notifications walk the customer’s PACE ladders: set the customer in Details first.
    </Text>
  ) : (
    <QueryView
      query={query}
      loading={
        <Stack gap="xs" aria-busy aria-label="Loading notifications">
          <Skeleton h={70} />
          <Skeleton h={70} />
        </Stack>
      }
      errorTitle="Could not load the notifications"
    >
      {() => (
        <Stack gap="sm">
          <ReadyToSendList drafts={drafts} incident={incident} actions={actions} canAct={canAct} />
          <CommunicationLevelControl incident={incident} actions={actions} canAct={canAct} />
          <CompromisedChannelsList compromised={compromised} />
          {items.length === 0 ? (
            <EmptyState
              size="sm"
              py="md"
              icon={<IconSpeakerphone size={26} />}
              withIndicatorBackground
              title="No notifications yet"
              description="Notifications tell the customer, an authority, management or your own team what is happening. Each walks the customer’s PACE ladder — primary, alternate, contingency, emergency — moving to the next level when delivery fails or nobody acknowledges in time, until someone acknowledges it."
            >
              {canAct && (
                <EmptyState.Actions>
                  <Button leftSection={<IconSend size={16} />} onClick={() => setNotifying(true)}>
                    Send the first notification
                  </Button>
                </EmptyState.Actions>
              )}
            </EmptyState>
          ) : (
            sent.map((n) => (
              <NotificationCard
                key={n.id}
                notification={n}
                incident={incident}
                canAct={canAct}
                onAcknowledge={setAcking}
                onRecordAnswer={setAnswering}
                stageName={stageName}
                automatic={automatic.has(n.id)}
              />
            ))
          )}
        </Stack>
      )}
    </QueryView>
  );

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="notifications-title">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="h4" id="notifications-title">
          Notifications
        </Title>
        {canAct && incident.customerId && (
          <Group gap="xs">
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              leftSection={<IconShieldX size={14} />}
              onClick={() => setDeclaring(true)}
            >
              Declare channel compromised
            </Button>
            <Button size="compact-sm" leftSection={<IconSend size={14} />} onClick={() => setNotifying(true)}>
              Notify…
            </Button>
          </Group>
        )}
      </Group>
      {body}
      <NotifyFormModal
        opened={notifying}
        onClose={() => setNotifying(false)}
        incident={incident}
        plan={plan.data}
        actions={actions}
      />
      <DeclareCompromisedModal
        opened={declaring}
        onClose={() => setDeclaring(false)}
        channels={channelChoices(channels, compromised)}
        actions={actions}
      />
      <AcknowledgeModal notification={acking} actions={actions} onClose={() => setAcking(null)} />
      <RecordAnswerModal notification={answering} actions={actions} onClose={() => setAnswering(null)} />
    </Paper>
  );
}
