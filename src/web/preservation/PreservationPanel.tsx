import { Button, EmptyState, Skeleton, Stack, Text } from '@mantine/core';
import { IconArchive, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import { QueryView } from '../core/QueryView.tsx';
import { CustomerLinkPanel } from '../customer-links/CustomerLinkPanel.tsx';
import { ASK_PRESERVATION, AskPreservationModal } from './AskPreservationModal.tsx';
import { PreservationRequestCard } from './PreservationRequestCard.tsx';
import { usePreservationRequests } from './preservation-api.ts';

/**
 * "Preservation": the customer is asked to keep what only they hold (logs, images, mailboxes…) and confirms item by
 * item through a link; their answers land here with the request's chain of custody, newest request first.
 */
export function PreservationPanel({ incident }: { incident: Incident }) {
  const query = usePreservationRequests(incident.id, incident.version);
  const canAsk = incident.allowed.change && Boolean(incident.customerId);
  const [asking, setAsking] = useState(false);

  const body = !incident.customerId ? (
    <Text size="sm" c="dimmed">
      No customer is set. Set the customer in Details first: the request goes up their notify-customer ladder.
    </Text>
  ) : (
    <QueryView
      query={query}
      loading={
        <Stack gap="xs" aria-busy aria-label="Loading preservation requests">
          <Skeleton h={70} />
        </Stack>
      }
      errorTitle="Could not load the preservation requests"
    >
      {(requests) =>
        requests.length === 0 ? (
          <EmptyState
            size="sm"
            py="md"
            icon={<IconArchive size={26} />}
            withIndicatorBackground
            title="Nothing asked to preserve yet"
            description="Logs roll over, machines get reimaged and mailboxes cleaned up. Ask the customer to preserve what only they hold — the playbooks suggest what — and they confirm each item through a link, without an account. Each answer is recorded in a chain of custody."
          >
            {canAsk && (
              <EmptyState.Actions>
                <Button leftSection={<IconSend size={16} />} onClick={() => setAsking(true)}>
                  {ASK_PRESERVATION}
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        ) : (
          <Stack gap="sm">
            {requests.map((request) => (
              <PreservationRequestCard key={request.id} request={request} />
            ))}
          </Stack>
        )
      }
    </QueryView>
  );

  return (
    <CustomerLinkPanel
      titleId="preservation-title"
      title="Preservation"
      askLabel={ASK_PRESERVATION}
      showAsk={canAsk && (query.data?.length ?? 0) > 0}
      onAsk={() => setAsking(true)}
    >
      {body}
      <AskPreservationModal opened={asking} onClose={() => setAsking(false)} incident={incident} />
    </CustomerLinkPanel>
  );
}
