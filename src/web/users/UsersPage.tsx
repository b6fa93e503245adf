import { Button, EmptyState, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import type { UserRole } from '../../shared/incident-vocabulary.ts';
import { useMe } from '../auth/auth-api.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { ConfirmModal } from '../customers/ConfirmModal.tsx';
import { InviteModal } from './InviteModal.tsx';
import { PendingInvitations } from './PendingInvitations.tsx';
import { UserTable } from './UserTable.tsx';
import { USER_ROLE_LABELS } from './user-labels.ts';
import { type ListedUser, type UserStatus, useChangeUser, useUserList } from './users-api.ts';

const EMPTY: Record<UserStatus, { title: string; description: string }> = {
  active: { title: 'No active users', description: 'Invite the people who work with you.' },
  inactive: { title: 'Nobody is deactivated', description: 'Deactivated accounts show here, ready to reactivate.' },
  all: { title: 'No users', description: 'Invite the people who work with you.' },
};

/** `/users` (admins): invite people, set their global role and the contact that reaches them, deactivate and reactivate. */
export function UsersPage() {
  useDocumentTitle('Users — Muster');
  const { data: me } = useMe();
  const [status, setStatus] = useState<UserStatus>('active');
  const [inviting, setInviting] = useState(false);
  const [deactivating, setDeactivating] = useState<ListedUser | null>(null);
  const users = useUserList(status);
  const change = useChangeUser();

  const setRole = (user: ListedUser, role: UserRole) =>
    change.mutate(
      { id: user.id, role },
      {
        onSuccess: () => notifySuccess(`${user.name} is now ${USER_ROLE_LABELS[role].toLowerCase()}`),
        onError: (error) => notifyError('Role not changed', error),
      },
    );
  const setContact = (user: ListedUser, contactId: string | null) =>
    change.mutate(
      { id: user.id, contactId },
      {
        onSuccess: () =>
          notifySuccess(
            contactId
              ? `Roles and task reminders reach ${user.name} through this contact`
              : `Roles and task reminders reach ${user.name} at ${user.email}`,
          ),
        onError: (error) => notifyError('Contact not changed', error),
      },
    );
  const reactivate = (user: ListedUser) =>
    change.mutate(
      { id: user.id, active: true },
      {
        onSuccess: () => notifySuccess(`${user.name} can sign in again. Their old API tokens stay revoked.`),
        onError: (error) => notifyError('Not reactivated', error),
      },
    );

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} fz="h2">
            Users
          </Title>
          <Text c="dimmed" size="sm">
            Everyone who can sign in to Muster. Customer roles are set on each customer’s Members tab. A person given a role on an
            incident, or with a task due, is told through the contact they are reached through, else at their e-mail.
          </Text>
        </div>
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setInviting(true)}>
          Invite someone
        </Button>
      </Group>

      <PendingInvitations />

      <Paper withBorder radius="md" p={0}>
        <Group p="md" pb="xs" justify="space-between">
          <Title order={2} fz="h4">
            Accounts
          </Title>
          <SegmentedControl
            size="xs"
            aria-label="Which accounts"
            value={status}
            onChange={(v) => setStatus(v as UserStatus)}
            data={[
              { value: 'active', label: 'Active' },
              { value: 'inactive', label: 'Deactivated' },
              { value: 'all', label: 'All' },
            ]}
          />
        </Group>
        <QueryView
          query={users}
          loading="Loading users"
          errorTitle="Could not load users"
          empty={
            <EmptyState
              py="lg"
              icon={<IconUsers size={28} />}
              withIndicatorBackground
              title={EMPTY[status].title}
              description={EMPTY[status].description}
            />
          }
        >
          {(list) => (
            <>
              <UserTable
                users={list}
                meId={me?.id}
                busy={change.isPending}
                onRole={setRole}
                onContact={setContact}
                onDeactivate={setDeactivating}
                onReactivate={reactivate}
              />
              {status === 'active' && list.length === 1 && (
                <Text size="sm" c="dimmed" p="md" pt={0}>
                  Only you so far. Invite your team with “Invite someone”: each gets a link by e-mail to set their password.
                </Text>
              )}
            </>
          )}
        </QueryView>
      </Paper>

      <InviteModal opened={inviting} onClose={() => setInviting(false)} />
      <ConfirmModal
        opened={deactivating !== null}
        onClose={() => {
          setDeactivating(null);
          change.reset();
        }}
        title={`Deactivate ${deactivating?.name ?? 'user'}?`}
        confirmLabel="Deactivate"
        pending={change.isPending}
        error={change.error}
        onConfirm={() =>
          deactivating &&
          change.mutate(
            { id: deactivating.id, active: false },
            {
              onSuccess: () => {
                notifySuccess(`${deactivating.name} is signed out everywhere and can no longer sign in`);
                setDeactivating(null);
              },
            },
          )
        }
      >
        {deactivating?.name} is signed out everywhere at once, their API tokens are revoked and their open live views close within
        seconds. Their name stays on everything they did. You can reactivate the account later.
      </ConfirmModal>
    </Stack>
  );
}
