import {
  Alert,
  Button,
  EmptyState,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconMailPlus, IconUserMinus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { MEMBERSHIP_ROLES, type Membership, type MembershipRole } from '../../shared/prepare-types.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { RemoveIconButton } from '../core/RemoveIconButton.tsx';
import { InviteModal } from '../users/InviteModal.tsx';
import { PendingInvitations } from '../users/PendingInvitations.tsx';
import { AddMemberForm } from './AddMemberForm.tsx';
import { ConfirmModal } from './ConfirmModal.tsx';
import { useAccess, useCustomer, useMemberActions, useMembers } from './customers-api.ts';
import { MEMBERSHIP_DESCRIPTIONS, MEMBERSHIP_LABELS, ROLE_OPTIONS } from './membership-labels.ts';

/** Who may work on this customer and with which role. Shown to admins and the customer's managers. */
export function MembersTab({ customerId }: { customerId: string }) {
  const members = useMembers(customerId);
  const actions = useMemberActions(customerId);
  const { data: access } = useAccess();
  const [removing, setRemoving] = useState<Membership | null>(null);
  const [inviting, setInviting] = useState(false);
  const { data: customer } = useCustomer(customerId);

  const changeRole = (member: Membership, role: MembershipRole) =>
    actions.setRole.mutate(
      { userId: member.userId, role },
      {
        onSuccess: () => notifySuccess(`${member.userName} is now a ${MEMBERSHIP_LABELS[role].toLowerCase()}`),
        onError: (error) => notifyError('Role not changed', error),
      },
    );

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-start" mb="md">
          <div>
            <Title order={2} fz="h4">
              Add a member
            </Title>
            <Text size="sm" c="dimmed">
              Members see this customer and its incidents. Administrators see every customer without being members. Someone
              without an account yet? Invite them by e-mail.
            </Text>
          </div>
          <Button variant="light" leftSection={<IconMailPlus size={16} />} onClick={() => setInviting(true)}>
            Invite by e-mail
          </Button>
        </Group>
        <AddMemberForm customerId={customerId} existing={members.data ?? []} />
        <Group gap="lg" mt="md">
          {MEMBERSHIP_ROLES.map((r) => (
            <Text key={r} size="xs" c="dimmed" maw={300}>
              <b>{MEMBERSHIP_LABELS[r]}</b>: {MEMBERSHIP_DESCRIPTIONS[r]}
            </Text>
          ))}
        </Group>
      </Paper>

      <PendingInvitations customerId={customerId} />

      <Paper withBorder radius="md" p={members.data?.length ? 0 : 'md'}>
        <QueryView
          query={members}
          loading={
            <Stack p="md" gap="sm" aria-busy aria-label="Loading members">
              {[60, 45, 70].map((w) => (
                <Skeleton key={w} h={16} w={`${w}%`} />
              ))}
            </Stack>
          }
          errorTitle="Could not load members"
          empty={
            <EmptyState
              py="lg"
              icon={<IconUsers size={28} />}
              withIndicatorBackground
              title="No members yet"
              description="Only administrators can see this customer. Add the people who manage it, respond to its incidents or need to read its plan."
            />
          }
        >
          {(list) => (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="sm" aria-label="Members">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Name</Table.Th>
                    <Table.Th scope="col">E-mail</Table.Th>
                    <Table.Th scope="col" w={200}>
                      Role
                    </Table.Th>
                    <Table.Th scope="col" w={60}>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((member) => (
                    <Table.Tr key={member.userId}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {member.userName}
                          {member.userId === access?.user.id && (
                            <Text span c="dimmed" inherit fw={400}>
                              {' '}
                              (you)
                            </Text>
                          )}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed">
                          {member.userEmail}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={`Role of ${member.userName}`}
                          size="xs"
                          data={ROLE_OPTIONS}
                          value={member.role}
                          allowDeselect={false}
                          onChange={(v) => v && v !== member.role && changeRole(member, v as MembershipRole)}
                          disabled={actions.setRole.isPending}
                        />
                      </Table.Td>
                      <Table.Td>
                        <RemoveIconButton
                          label={`Remove ${member.userName}`}
                          icon={<IconUserMinus size={16} />}
                          onClick={() => setRemoving(member)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryView>
      </Paper>

      <InviteModal
        opened={inviting}
        onClose={() => setInviting(false)}
        customer={{ id: customerId, name: customer?.name ?? 'this customer' }}
      />
      <ConfirmModal
        opened={removing !== null}
        onClose={() => {
          setRemoving(null);
          actions.remove.reset();
        }}
        title={`Remove ${removing?.userName ?? 'member'}?`}
        confirmLabel="Remove member"
        pending={actions.remove.isPending}
        error={actions.remove.error}
        onConfirm={() =>
          removing &&
          actions.remove.mutate(removing.userId, {
            onSuccess: () => {
              notifySuccess(`${removing.userName} is no longer a member`);
              setRemoving(null);
            },
          })
        }
      >
        {removing?.userName} will no longer see this customer or its incidents
        {removing?.userId === access?.user.id ? ' — and neither will you, unless you are an administrator' : ''}.
      </ConfirmModal>
      {actions.setRole.isError && (
        <Alert color="red" variant="light" role="alert">
          The last role change failed. Try again.
        </Alert>
      )}
    </Stack>
  );
}
