import { Button, EmptyState, Skeleton, Stack, Text } from '@mantine/core';
import { IconPlugConnected, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { CustomerLinkPanel } from '../customer-links/CustomerLinkPanel.tsx';
import { useIncidentActions } from '../incidents/incidents-api.ts';
import { AskCheckModal } from './AskCheckModal.tsx';
import { ConnectionCheckCard } from './ConnectionCheckCard.tsx';
import { useConnectionChecks } from './connection-checks-api.ts';

const ASK = 'Ask the customer to check connections';

/**
 * "Connection checks": the customer's IT checks the affected services' connections to other systems through a
 * link, and their answers land here, newest check first, refreshed as the timeline moves.
 */
export function ConnectionChecksPanel({ incident }: { incident: Incident }) {
  const query = useConnectionChecks(incident.id, incident.version);
  const { update } = useIncidentActions(incident);
  const canAct = incident.allowed.change;
  const [asking, setAsking] = useState(false);
  const canAsk = canAct && Boolean(incident.customerId);

  const addService = (serviceId: string) =>
    update.mutate(
      { serviceIds: [...incident.serviceIds, serviceId] },
      {
        onSuccess: () => notifySuccess('Its connections are on the “check these” list now.', 'Added to the incident'),
        onError: (error) => notifyError('Not added', error),
      },
    );
  const adding = update.isPending ? (update.variables?.serviceIds?.at(-1) ?? null) : null;

  const body = !incident.customerId ? (
    <Text size="sm" c="dimmed">
      No customer is set. The customer checks the connections of their services: set the customer and the affected services in
      Details first.
    </Text>
  ) : (
    <QueryView
      query={query}
      loading={
        <Stack gap="xs" aria-busy aria-label="Loading connection checks">
          <Skeleton h={70} />
        </Stack>
      }
      errorTitle="Could not load the connection checks"
    >
      {(checks) =>
        checks.length === 0 ? (
          <EmptyState
            size="sm"
            py="md"
            icon={<IconPlugConnected size={26} />}
            withIndicatorBackground
            title="No connection checks yet"
            description={
              incident.serviceIds.length === 0
                ? 'An attacker may move on through the affected services’ connections to other systems. Set the affected services in Details, then ask the customer’s IT to check their connections.'
                : 'An attacker may move on through the affected services’ connections to other systems. Ask the customer’s IT to check them: they answer for each connection through a link, without an account, and their answers appear here and on the timeline.'
            }
          >
            {canAsk && incident.serviceIds.length > 0 && (
              <EmptyState.Actions>
                <Button leftSection={<IconSend size={16} />} onClick={() => setAsking(true)}>
                  {ASK}
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        ) : (
          <Stack gap="sm">
            {checks.map((check) => (
              <ConnectionCheckCard
                key={check.id}
                check={check}
                canAct={canAct}
                onAddService={addService}
                addingService={adding}
              />
            ))}
          </Stack>
        )
      }
    </QueryView>
  );

  return (
    <CustomerLinkPanel
      titleId="connection-checks-title"
      title="Connection checks"
      askLabel={ASK}
      showAsk={canAsk && (query.data?.length ?? 0) > 0}
      onAsk={() => setAsking(true)}
    >
      {body}
      <AskCheckModal opened={asking} onClose={() => setAsking(false)} incident={incident} />
    </CustomerLinkPanel>
  );
}
