import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconLock, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Incident, IncidentAccessList } from '../../shared/api-types.ts';
import { errorMessage } from '../core/error-message.ts';
import { notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { useMembers } from '../customers/customers-api.ts';
import { useAccessActions, useIncidentAccess } from './incident-access-api.ts';

const REASONS: Record<IncidentAccessList['users'][number]['reason'], { label: string; color: string }> = {
  reporter: { label: 'Reporter', color: 'gray' },
  'set-red': { label: 'Set TLP:RED', color: 'gray' },
  assigned: { label: 'Has a role', color: 'gray' },
  added: { label: 'Added', color: 'blue' },
  'break-glass': { label: 'Break-glass', color: 'red' },
};

/**
 * Who may read the incident while it is TLP:RED (need-to-know): the reporter, whoever set RED and the people given
 * a role are on it by themselves; someone on the list who may change the incident adds and removes members of the
 * customer. Every change lands on the timeline.
 */
export function IncidentAccessPanel({ incident, canAct }: { incident: Incident; canAct: boolean }) {
  const query = useIncidentAccess(incident.id, incident.version);
  const needToKnow = query.data?.needToKnow ?? incident.tlp === 'TLP:RED';
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="access-title">
      <Group gap="xs" mb="sm">
        <Title order={2} fz="h4" id="access-title">
          Access list
        </Title>
        {needToKnow && (
          <Badge color="red" variant="light" leftSection={<IconLock size={12} />}>
            Need-to-know
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {needToKnow
          ? 'This incident is TLP:RED: only the people below can find or read it. Everyone else, admins included, is told it does not exist.'
          : 'Who will be able to read this incident if it is marked TLP:RED. While it is not, every member of the customer reads it.'}
      </Text>
      <QueryView
        query={query}
        loading={<Skeleton h={60} aria-busy aria-label="Loading the access list" />}
        errorTitle="Could not load the access list"
      >
        {(list) => <AccessTable incident={incident} list={list} canAct={canAct} />}
      </QueryView>
    </Paper>
  );
}

function AccessTable({ incident, list, canAct }: { incident: Incident; list: IncidentAccessList; canAct: boolean }) {
  const { add, remove } = useAccessActions(incident.id);
  const [problem, setProblem] = useState<string | null>(null);
  const onError = (error: unknown) => setProblem(errorMessage(error));
  return (
    <Stack gap="sm">
      {problem && (
        <Alert color="red" withCloseButton onClose={() => setProblem(null)}>
          {problem}
        </Alert>
      )}
      <Table aria-label={`Access list of ${incident.key}`} verticalSpacing={4}>
        <Table.Tbody>
          {list.users.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {u.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {u.addedBy === u.name ? '' : `by ${u.addedBy} `}
                  <RelativeTime value={u.addedAt} />
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={REASONS[u.reason]?.color ?? 'gray'}>
                  {REASONS[u.reason]?.label ?? u.reason}
                </Badge>
              </Table.Td>
              {canAct && (
                <Table.Td w={40}>
                  <Tooltip label={`Remove ${u.name}`}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${u.name} from the access list`}
                      loading={remove.isPending && remove.variables === u.id}
                      onClick={() =>
                        remove.mutate(u.id, {
                          onSuccess: () => notifySuccess(`${u.name} was removed from the access list`),
                          onError,
                        })
                      }
                    >
                      <IconUserMinus size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canAct && incident.customerId && (
        <AddPerson
          customerId={incident.customerId}
          listed={list}
          pending={add.isPending}
          onAdd={(userId, name) =>
            add.mutate(userId, { onSuccess: () => notifySuccess(`${name} was added to the access list`), onError })
          }
        />
      )}
    </Stack>
  );
}

function AddPerson(props: {
  customerId: string;
  listed: IncidentAccessList;
  pending: boolean;
  onAdd: (userId: string, name: string) => void;
}) {
  const members = useMembers(props.customerId);
  const [userId, setUserId] = useState<string | null>(null);
  const listed = new Set(props.listed.users.map((u) => u.id));
  const options = (members.data ?? []).filter((m) => !listed.has(m.userId)).map((m) => ({ value: m.userId, label: m.userName }));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const chosen = options.find((o) => o.value === userId);
    if (chosen) props.onAdd(chosen.value, chosen.label);
    setUserId(null);
  };
  return (
    <form onSubmit={submit}>
      <Group gap="xs" align="flex-end">
        <Select
          label="Add a person"
          placeholder={
            members.isPending
              ? 'Loading members…'
              : options.length
                ? 'A member of the customer'
                : members.data?.length
                  ? 'Every member is on the list'
                  : 'The customer has no members yet'
          }
          data={options}
          searchable
          value={userId}
          onChange={setUserId}
          error={members.isError ? errorMessage(members.error) : undefined}
          style={{ flex: 1 }}
        />
        <Button type="submit" leftSection={<IconUserPlus size={16} />} disabled={!userId} loading={props.pending}>
          Add
        </Button>
      </Group>
    </form>
  );
}
