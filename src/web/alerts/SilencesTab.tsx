import { Badge, Button, EmptyState, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconBellOff, IconPlayerStop, IconPlus } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { AlertSilence } from '../../shared/triage-types.ts';
import { focusSoon } from '../core/focus-soon.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { formatAbsolute } from '../core/time.ts';
import { useCustomers } from '../customers/customers-api.ts';
import { formatSpan, useTicker } from '../plans/use-ticker.ts';
import { Fingerprint } from '../triage/Fingerprint.tsx';
import { useAlertSilences, useExpireSilence } from './alerts-api.ts';
import { SilenceModal } from './SilenceModal.tsx';

/** Active silences first (soonest to end first), then those that ended in the last 7 days. */
function order(silences: AlertSilence[]): AlertSilence[] {
  return [...silences].sort(
    (a, b) => Number(b.active) - Number(a.active) || (a.active ? 1 : -1) * (Date.parse(a.expiresAt) - Date.parse(b.expiresAt)),
  );
}

/** Silenced fingerprints with a countdown to their end; end one now. */
export function SilencesTab() {
  const query = useAlertSilences();
  const expire = useExpireSilence();
  const customers = useCustomers();
  const now = useTicker(1000);
  const [creating, setCreating] = useState(false);
  const customerName = (id: string) => customers.data?.find((c) => c.id === id)?.name ?? 'Archived customer';
  const silences = order(query.data ?? []);
  const newSilenceRef = useRef<HTMLButtonElement>(null);

  const end = (silence: AlertSilence) =>
    expire.mutate(silence.id, {
      onSuccess: () => {
        notifySuccess('Alerts with this fingerprint come to the triage queue again.', 'Silence ended');
        focusSoon(() => newSilenceRef.current); // its "Expire now" is gone
      },
      onError: (error) => notifyError('Silence not ended', error),
    });

  const body = (
    <QueryView
      query={query}
      loading="Loading silences"
      errorTitle="Could not load the silences"
      empty={
        <EmptyState
          py="xl"
          icon={<IconBellOff size={30} />}
          withIndicatorBackground
          title="Nothing is silenced"
          description="Silence a noisy alert from its row on the triage page, or when dismissing a group. Silenced alerts are still recorded, but stay out of the queue until the silence ends."
        />
      }
    >
      {() => (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" aria-label="Silences">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Fingerprint</Table.Th>
                <Table.Th scope="col">Customer</Table.Th>
                <Table.Th scope="col">Reason</Table.Th>
                <Table.Th scope="col">Ends</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Action</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {silences.map((silence) => {
                const ends = Date.parse(silence.expiresAt);
                const active = silence.active && ends > now;
                return (
                  <Table.Tr key={silence.id} data-silence-id={silence.id} data-active={active}>
                    <Table.Td>
                      <Fingerprint value={silence.fingerprint} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{customerName(silence.customerId)}</Text>
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text size="sm" lineClamp={3}>
                        {silence.reason}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {silence.createdBy}, <RelativeTime value={silence.createdAt} span />
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {active ? (
                        <Badge color="violet" variant="light" aria-live="off">
                          Ends in {formatSpan(ends - now)}
                        </Badge>
                      ) : (
                        <Badge color="gray" variant="outline">
                          Ended
                        </Badge>
                      )}
                      <Text size="xs" c="dimmed">
                        <time dateTime={silence.expiresAt}>{formatAbsolute(silence.expiresAt)}</time>
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {active && (
                        <Button
                          size="compact-sm"
                          variant="light"
                          color="gray"
                          leftSection={<IconPlayerStop size={14} />}
                          loading={expire.isPending && expire.variables === silence.id}
                          onClick={() => end(silence)}
                          aria-label={`Expire the silence of ${silence.fingerprint} now`}
                        >
                          Expire now
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryView>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Active silences and those that ended in the last 7 days. Times are in your time zone.
        </Text>
        <Button ref={newSilenceRef} variant="default" leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
          Silence a fingerprint
        </Button>
      </Group>
      <Paper withBorder radius="md">
        {body}
      </Paper>
      <SilenceModal opened={creating} onClose={() => setCreating(false)} target={null} />
    </Stack>
  );
}
