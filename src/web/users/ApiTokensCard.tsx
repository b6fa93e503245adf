import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  EmptyState,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy, IconKey, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { RemoveIconButton } from '../core/RemoveIconButton.tsx';
import { focusFirstInvalid } from '../core/submit-shortcut.ts';
import { formatAbsolute } from '../core/time.ts';
import { ConfirmModal } from '../customers/ConfirmModal.tsx';
import { type ApiToken, useCreateToken, useRevokeToken, useTokens } from './users-api.ts';

const EXPIRY_OPTIONS = [
  { value: '7', label: 'In 7 days' },
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'never', label: 'Never (until revoked)' },
];

function tokenState(t: ApiToken): { label: string; color: string } {
  if (t.revokedAt) return { label: 'Revoked', color: 'gray' };
  if (t.expiresAt && Date.parse(t.expiresAt) <= Date.now()) return { label: 'Expired', color: 'gray' };
  return { label: 'Active', color: 'teal' };
}

/** The signed-in user's API tokens: create one (its secret shown once), see when each was used, revoke. */
export function ApiTokensCard() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [created, setCreated] = useState<{ id: string; label: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const form = useForm({
    initialValues: { label: '', expiry: '90' },
    validate: { label: (v) => (v.trim() ? null : 'Say what will use the token, e.g. “backup script”') },
  });
  const submit = form.onSubmit(
    ({ label, expiry }) =>
      create.mutate(
        {
          label: label.trim(),
          expiresAt: expiry === 'never' ? null : new Date(Date.now() + Number(expiry) * 86_400_000).toISOString(),
        },
        {
          onSuccess: (t) => {
            setCreated({ id: t.id, label: t.label, token: t.token });
            form.reset();
          },
          onError: (error) => showApiError(form, error),
        },
      ),
    focusFirstInvalid,
  );

  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="md">
        <div>
          <Title order={2} fz="h4">
            API tokens
          </Title>
          <Text size="sm" c="dimmed">
            For scripts and integrations: send <Code>Authorization: Bearer &lt;token&gt;</Code>. A token acts as you, with your
            roles.
          </Text>
        </div>
        <form onSubmit={submit} noValidate>
          <Group align="flex-start" gap="sm">
            <TextInput
              label="Label"
              placeholder="e.g. backup script"
              w={{ base: '100%', sm: 260 }}
              {...form.getInputProps('label')}
            />
            <Select
              label="Expires"
              data={EXPIRY_OPTIONS}
              allowDeselect={false}
              w={{ base: '100%', sm: 200 }}
              {...form.getInputProps('expiry')}
            />
            <Button type="submit" mt={25} leftSection={<IconKey size={16} />} loading={create.isPending}>
              Create token
            </Button>
          </Group>
          <NotSavedAlert error={form.errors._api} />
        </form>
        {created && (
          <Alert
            color="teal"
            variant="light"
            title={`Token “${created.label}” created`}
            withCloseButton
            onClose={() => setCreated(null)}
          >
            <Stack gap="xs">
              <Text size="sm">Copy it now: it is shown only this once. Muster keeps only a hash of it.</Text>
              <Group gap="xs" wrap="nowrap">
                <Code block fz="xs" style={{ flex: 1, wordBreak: 'break-all' }} aria-label="New API token">
                  {created.token}
                </Code>
                <CopyButton value={created.token} timeout={2000}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? 'Copied' : 'Copy token'} withArrow>
                      <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label="Copy token">
                        {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          </Alert>
        )}
        <QueryView
          query={tokens}
          loading="Loading tokens"
          errorTitle="Could not load your tokens"
          empty={
            <EmptyState
              py="md"
              icon={<IconKey size={28} />}
              withIndicatorBackground
              title="No API tokens yet"
              description="Create one for each script or integration, so you can revoke one without breaking the others."
            />
          }
        >
          {(list) => (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="xs" aria-label="API tokens">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Label</Table.Th>
                    <Table.Th scope="col">Created</Table.Th>
                    <Table.Th scope="col">Last used</Table.Th>
                    <Table.Th scope="col">Expires</Table.Th>
                    <Table.Th scope="col">State</Table.Th>
                    <Table.Th scope="col" w={50}>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((t) => {
                    const state = tokenState(t);
                    return (
                      <Table.Tr key={t.id}>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {t.label}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <RelativeTime value={t.createdAt} size="sm" />
                        </Table.Td>
                        <Table.Td>
                          {t.lastUsedAt ? (
                            <RelativeTime value={t.lastUsedAt} size="sm" />
                          ) : (
                            <Text size="sm" c="dimmed">
                              Never
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" title={t.expiresAt ? formatAbsolute(t.expiresAt) : undefined}>
                            {t.expiresAt ? formatAbsolute(t.expiresAt) : 'Never'}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={state.color}>
                            {state.label}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {state.label === 'Active' && (
                            <RemoveIconButton
                              label={`Revoke ${t.label}`}
                              icon={<IconTrash size={16} />}
                              onClick={() => setRevoking(t)}
                            />
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
      </Stack>
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        title={`Revoke “${revoking?.label ?? 'token'}”?`}
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifySuccess(`“${revoking.label}” no longer works`);
              if (created?.id === revoking.id) setCreated(null);
              setRevoking(null);
            },
          })
        }
      >
        Whatever uses “{revoking?.label}” is refused from now on (on every server within 5 seconds). This cannot be undone.
      </ConfirmModal>
    </Paper>
  );
}
