import { Badge, Button, Select, Table, Text } from '@mantine/core';
import type { UserRole } from '../../shared/incident-vocabulary.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { ContactLinkSelect } from './ContactLinkSelect.tsx';
import { USER_ROLE_OPTIONS } from './user-labels.ts';
import type { ListedUser } from './users-api.ts';

interface UserTableProps {
  users: ListedUser[];
  meId: string | undefined;
  busy: boolean;
  onRole: (user: ListedUser, role: UserRole) => void;
  onContact: (user: ListedUser, contactId: string | null) => void;
  onDeactivate: (user: ListedUser) => void;
  onReactivate: (user: ListedUser) => void;
}

/** Every account with its global role and the contact that reaches it; deactivate and reactivate. */
export function UserTable({ users, meId, busy, onRole, onContact, onDeactivate, onReactivate }: UserTableProps) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="sm" aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">E-mail</Table.Th>
            <Table.Th scope="col" w={190}>
              Role
            </Table.Th>
            <Table.Th scope="col" w={260}>
              Reached through
            </Table.Th>
            <Table.Th scope="col">Since</Table.Th>
            <Table.Th scope="col" w={140}>
              Account
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>
                <Text size="sm" fw={500} c={user.active ? undefined : 'dimmed'}>
                  {user.name}
                  {user.id === meId && (
                    <Text span c="dimmed" inherit fw={400}>
                      {' '}
                      (you)
                    </Text>
                  )}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {user.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Role of ${user.name}`}
                  size="xs"
                  data={USER_ROLE_OPTIONS}
                  value={user.role}
                  allowDeselect={false}
                  disabled={busy || !user.active}
                  onChange={(v) => v && v !== user.role && onRole(user, v as UserRole)}
                />
              </Table.Td>
              <Table.Td>
                <ContactLinkSelect
                  aria-label={`Contact that reaches ${user.name}`}
                  size="xs"
                  value={user.contactId ?? null}
                  disabled={busy || !user.active}
                  onChange={(contactId) => contactId !== (user.contactId ?? null) && onContact(user, contactId)}
                />
              </Table.Td>
              <Table.Td>
                <RelativeTime value={user.createdAt} size="sm" c="dimmed" />
              </Table.Td>
              <Table.Td>
                {user.active ? (
                  user.id === meId ? (
                    <Badge variant="light" color="teal">
                      Active
                    </Badge>
                  ) : (
                    <Button size="compact-sm" variant="subtle" color="red" onClick={() => onDeactivate(user)}>
                      Deactivate
                    </Button>
                  )
                ) : (
                  <Button size="compact-sm" variant="light" onClick={() => onReactivate(user)} disabled={busy}>
                    Reactivate
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
