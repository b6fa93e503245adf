import {
  ActionIcon,
  Badge,
  Button,
  Code,
  EmptyState,
  Group,
  Menu,
  Paper,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { IconBan, IconDots, IconKey, IconPlugConnected, IconPlus } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { AlertSource } from '../../shared/triage-types.ts';
import { focusSoon } from '../core/focus-soon.ts';
import { notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { ConfirmModal } from '../customers/ConfirmModal.tsx';
import { useCustomers } from '../customers/customers-api.ts';
import { useServices } from '../services/services-api.ts';
import { type SourceWithToken, useAlertSourceActions, useAlertSources } from './alerts-api.ts';
import { NewAlertSourceModal } from './NewAlertSourceModal.tsx';
import { SourceTokenModal } from './SourceTokenModal.tsx';

function ServiceName({ customerId, serviceId }: { customerId: string; serviceId: string }) {
  const services = useServices(customerId);
  return <>{services.data?.find((s) => s.id === serviceId)?.name ?? '—'}</>;
}

type Confirm = { kind: 'revoke' | 'rotate'; source: AlertSource } | null;

/** The sources, with their customer, last use and state; create one, rotate its token, revoke it. */
export function AlertSourcesTab() {
  const query = useAlertSources();
  const actions = useAlertSourceActions();
  const customers = useCustomers();
  const [creating, setCreating] = useState(false);
  const [token, setToken] = useState<{ shown: SourceWithToken; reason: 'created' | 'rotated' } | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const customerName = (id: string) => customers.data?.find((c) => c.id === id)?.name ?? 'Archived customer';
  const sources = query.data ?? [];
  const newSourceRef = useRef<HTMLButtonElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const focusNewSource = () => focusSoon(() => newSourceRef.current);
  // After a rotation the keyboard goes back to the source's menu, which opened it all.
  const focusActionsOf = (id: string) =>
    focusSoon(
      () =>
        tableRef.current?.querySelector<HTMLElement>(`[data-source-id="${CSS.escape(id)}"] [data-source-actions]`) ??
        newSourceRef.current,
    );
  const closeToken = () => {
    if (token?.reason === 'rotated') focusActionsOf(token.shown.source.id);
    else focusNewSource();
    setToken(null);
  };

  const closeConfirm = () => {
    actions.revoke.reset();
    actions.rotate.reset();
    setConfirm(null);
  };
  const confirmIt = () => {
    if (!confirm) return;
    const { source } = confirm;
    if (confirm.kind === 'revoke') {
      actions.revoke.mutate(source.id, {
        onSuccess: () => {
          notifySuccess(`${source.name} can no longer post alerts.`, 'Revoked');
          setConfirm(null);
          focusNewSource(); // its menu is gone with its token
        },
      });
    } else {
      actions.rotate.mutate(source.id, {
        onSuccess: (shown) => {
          setConfirm(null);
          setToken({ shown, reason: 'rotated' });
        },
      });
    }
  };

  const body = (
    <QueryView
      query={query}
      loading="Loading alert sources"
      errorTitle="Could not load the alert sources"
      empty={
        <EmptyState
          py="xl"
          icon={<IconPlugConnected size={30} />}
          withIndicatorBackground
          title="No alert sources yet"
          description="Add one for each monitoring system (Prometheus Alertmanager, Zabbix, a SIEM, a script): it gets a token to post a customer’s alerts with, and they wait in the triage queue."
        >
          <EmptyState.Actions>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              Add the first source
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      }
    >
      {(sources) => (
        <Table.ScrollContainer minWidth={820} ref={tableRef}>
          <Table verticalSpacing="sm" aria-label="Alert sources">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Source</Table.Th>
                <Table.Th scope="col">Customer</Table.Th>
                <Table.Th scope="col">Fingerprint labels</Table.Th>
                <Table.Th scope="col">Last used</Table.Th>
                <Table.Th scope="col">State</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sources.map((source) => {
                const revoked = source.revokedAt !== null;
                return (
                  <Table.Tr key={source.id} data-source-id={source.id} c={revoked ? 'dimmed' : undefined}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {source.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        Added <RelativeTime value={source.createdAt} span />
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{customerName(source.customerId)}</Text>
                      {source.serviceId && (
                        <Text size="xs" c="dimmed">
                          <ServiceName customerId={source.customerId} serviceId={source.serviceId} />
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {source.fingerprintLabels.length ? (
                        <Group gap={4}>
                          {source.fingerprintLabels.map((l) => (
                            <Code key={l} fz="xs">
                              {l}
                            </Code>
                          ))}
                        </Group>
                      ) : (
                        <Text size="xs" c="dimmed">
                          All labels
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {source.lastUsedAt ? (
                        <RelativeTime value={source.lastUsedAt} size="sm" />
                      ) : (
                        <Text size="sm" c="dimmed">
                          Never
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {revoked ? (
                        <Badge color="gray" variant="outline">
                          Revoked
                        </Badge>
                      ) : (
                        <Badge color="teal" variant="light">
                          Active
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {!revoked && (
                        <Menu position="bottom-end" withArrow>
                          <Menu.Target>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={`Actions for ${source.name}`}
                              data-source-actions
                            >
                              <IconDots size={16} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setConfirm({ kind: 'rotate', source })}>
                              Rotate token…
                            </Menu.Item>
                            <Menu.Item
                              color="red"
                              leftSection={<IconBan size={16} />}
                              onClick={() => setConfirm({ kind: 'revoke', source })}
                            >
                              Revoke…
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
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
          Each source posts one customer’s alerts with its own token (shown once, when created or rotated).
        </Text>
        {sources.length > 0 && (
          <Button ref={newSourceRef} leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New source
          </Button>
        )}
      </Group>
      <Paper withBorder radius="md" p={sources.length ? 0 : 'md'}>
        {body}
      </Paper>
      <NewAlertSourceModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(shown) => setToken({ shown, reason: 'created' })}
      />
      <SourceTokenModal shown={token?.shown ?? null} reason={token?.reason ?? 'created'} onClose={closeToken} />
      <ConfirmModal
        opened={confirm !== null}
        onClose={closeConfirm}
        title={
          confirm?.kind === 'rotate' ? `Rotate the token of ${confirm.source.name}?` : `Revoke ${confirm?.source.name ?? ''}?`
        }
        confirmLabel={confirm?.kind === 'rotate' ? 'Rotate token' : 'Revoke source'}
        onConfirm={confirmIt}
        pending={actions.revoke.isPending || actions.rotate.isPending}
        error={actions.revoke.error ?? actions.rotate.error}
      >
        {confirm?.kind === 'rotate'
          ? 'A new token is made and shown once; the current one stops working at once, so the monitoring system must get the new one.'
          : 'Its token stops working at once: alerts it posts are refused. Alerts already received stay where they are. This cannot be undone; add a new source to start again.'}
      </ConfirmModal>
    </Stack>
  );
}
