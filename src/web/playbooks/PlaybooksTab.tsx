import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCopy, IconHandStop } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { ErrorState } from '../core/ErrorState.tsx';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { useScopeAllowed } from '../customers/customers-api.ts';
import { PlaybookSourceBadge } from './PlaybookSourceBadge.tsx';
import { playbookCategoryLabel, playbookHref } from './playbook-labels.ts';
import {
  type PlaybookInForce,
  playbooksInForce,
  useCopyPlaybook,
  useLibraryPlaybooks,
  usePlaybookList,
} from './playbooks-api.ts';

/**
 * The playbooks in force for a customer (or, for null, for our organisation): the library's, replaced slug by
 * slug by our organisation's copies and then the customer's. Copy one to adapt it.
 */
export function PlaybooksTab({ customerId }: { customerId: string | null }) {
  const library = useLibraryPlaybooks();
  const ours = usePlaybookList('organisation');
  const theirs = usePlaybookList(customerId ?? '', customerId !== null);
  const access = useScopeAllowed(customerId);
  const copy = useCopyPlaybook();
  const navigate = useNavigate();

  const failed = [library, ours, theirs].find((q) => q.isError);
  if (failed) {
    return (
      <ErrorState
        title="Could not load the playbooks"
        error={failed.error}
        onRetry={() => {
          void library.refetch();
          void ours.refetch();
          if (customerId) void theirs.refetch();
        }}
      />
    );
  }
  if (!library.data || !ours.data || (customerId && !theirs.data)) {
    return (
      <Stack gap="xs" aria-busy aria-label="Loading playbooks">
        <Skeleton h={20} w="50%" />
        {[1, 2, 3, 4, 5].map((i) => (
          <Skeleton key={i} h={56} />
        ))}
      </Stack>
    );
  }

  const inForce = playbooksInForce(library.data, ours.data, customerId ? (theirs.data ?? []) : []);
  const copyFor = (p: PlaybookInForce) =>
    copy.mutate(
      { from: p.id, customerId },
      {
        onSuccess: (created) => {
          notifySuccess(
            customerId
              ? 'Adapt it for this customer; it replaces the general one in their plan.'
              : 'Adapt it; it replaces the library one for every customer without their own.',
            `${created.name}: copy made`,
          );
          navigate(playbookHref(created, customerId));
        },
        onError: (error) => notifyError('The playbook was not copied', error),
      },
    );
  const copyLabel = customerId ? 'Copy for this customer' : 'Copy for our organisation';
  const canCopy = (p: PlaybookInForce) => access.edit && (customerId ? p.source !== 'customer' : p.source === 'library');

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={860}>
        {customerId
          ? 'Threat-specific checklists for this customer’s incidents. The library’s playbooks apply unless our organisation or this customer has its own copy; copy one to adapt it.'
          : 'Our organisation’s playbooks: the library’s, unless we have our own copy. Customers can have their own copies on top.'}
      </Text>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" highlightOnHover aria-label="Playbooks in force">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Playbook</Table.Th>
                <Table.Th scope="col">Steps</Table.Th>
                <Table.Th scope="col">Source</Table.Th>
                <Table.Th scope="col">Version</Table.Th>
                <Table.Th scope="col">
                  <Text span size="sm" fw={700} style={{ visibility: 'hidden' }}>
                    Actions
                  </Text>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inForce.map((p) => {
                const blocking = p.steps.filter((s) => s.needsCustomerInstruction).length;
                return (
                  <Table.Tr key={p.slug} data-playbook={p.slug}>
                    <Table.Td maw={520}>
                      <Anchor component={Link} to={playbookHref(p, customerId)} fw={600} size="sm">
                        {p.name}
                      </Anchor>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {p.summary}
                      </Text>
                      <Group gap={4} mt={4}>
                        {p.categories.slice(0, 3).map((c) => (
                          <Badge key={c} size="xs" variant="outline" color="gray" tt="none">
                            {playbookCategoryLabel(c)}
                          </Badge>
                        ))}
                        {p.categories.length > 3 && (
                          <Tooltip label={p.categories.slice(3).map(playbookCategoryLabel).join(', ')} withArrow>
                            <Badge size="xs" variant="outline" color="gray" tt="none">
                              +{p.categories.length - 3}
                            </Badge>
                          </Tooltip>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{p.steps.length}</Text>
                      {blocking > 0 && (
                        <Group gap={3} wrap="nowrap">
                          <IconHandStop size={12} color="var(--mantine-color-orange-6)" aria-hidden />
                          <Text size="xs" c="dimmed">
                            {blocking} wait{blocking === 1 ? 's' : ''} for the customer
                          </Text>
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <PlaybookSourceBadge source={p.source} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">v{p.version}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {canCopy(p) ? (
                        <Button
                          size="xs"
                          variant="light"
                          leftSection={<IconCopy size={14} />}
                          loading={copy.isPending && copy.variables?.from === p.id}
                          onClick={() => copyFor(p)}
                          aria-label={`${copyLabel}: ${p.name}`}
                        >
                          {copyLabel}
                        </Button>
                      ) : (
                        <Button
                          size="xs"
                          variant="subtle"
                          component={Link}
                          to={playbookHref(p, customerId)}
                          aria-label={`Open ${p.name}`}
                        >
                          {access.edit && p.stored ? 'Edit' : 'Open'}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
