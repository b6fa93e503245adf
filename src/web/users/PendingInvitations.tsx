import { Badge, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconMailX } from '@tabler/icons-react';
import { useState } from 'react';
import type { Invitation } from '../../shared/invitation-types.ts';
import { notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { RemoveIconButton } from '../core/RemoveIconButton.tsx';
import { ConfirmModal } from '../customers/ConfirmModal.tsx';
import { MEMBERSHIP_LABELS } from '../customers/membership-labels.ts';
import { USER_ROLE_LABELS } from './user-labels.ts';
import { useInvitations, useRevokeInvitation } from './users-api.ts';

/** Invitations not yet accepted, with who sent them and until when they work; each can be withdrawn. */
export function PendingInvitations({ customerId = null }: { customerId?: string | null }) {
  const invitations = useInvitations(customerId);
  const revoke = useRevokeInvitation();
  const [withdrawing, setWithdrawing] = useState<Invitation | null>(null);
  if (invitations.data?.length === 0) return null; // nothing pending: no empty box
  return (
    <Paper withBorder radius="md" p={0}>
      <Stack gap={0}>
        <Title order={2} fz="h4" p="md" pb="xs">
          Waiting for an answer
        </Title>
        <QueryView query={invitations} loading="Loading invitations" errorTitle="Could not load invitations">
          {(list) => (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="sm" aria-label="Pending invitations">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">E-mail</Table.Th>
                    <Table.Th scope="col">Role</Table.Th>
                    <Table.Th scope="col">Invited by</Table.Th>
                    <Table.Th scope="col">Link works until</Table.Th>
                    <Table.Th scope="col" w={60}>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td>
                        <Text size="sm">{i.email}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color="gray">
                          {i.customerRole && i.customerName
                            ? `${MEMBERSHIP_LABELS[i.customerRole]} · ${i.customerName}`
                            : USER_ROLE_LABELS[i.role]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{i.invitedBy.name}</Text>
                      </Table.Td>
                      <Table.Td>
                        <RelativeTime value={i.expiresAt} size="sm" />
                      </Table.Td>
                      <Table.Td>
                        <RemoveIconButton
                          label={`Withdraw the invitation to ${i.email}`}
                          icon={<IconMailX size={16} />}
                          onClick={() => setWithdrawing(i)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryView>
      </Stack>
      <ConfirmModal
        opened={withdrawing !== null}
        onClose={() => {
          setWithdrawing(null);
          revoke.reset();
        }}
        title="Withdraw the invitation?"
        confirmLabel="Withdraw invitation"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          withdrawing &&
          revoke.mutate(withdrawing.id, {
            onSuccess: () => {
              notifySuccess(`The invitation to ${withdrawing.email} no longer works`);
              setWithdrawing(null);
            },
          })
        }
      >
        The link sent to {withdrawing?.email} stops working at once. You can invite them again later.
      </ConfirmModal>
    </Paper>
  );
}
