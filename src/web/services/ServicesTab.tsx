import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Menu,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconArchive, IconDots, IconPencil, IconPlus, IconServer } from '@tabler/icons-react';
import { useState } from 'react';
import { QueryView } from '../core/QueryView.tsx';
import { ArchiveRecordModal } from '../customers/ArchiveRecordModal.tsx';
import { CriticalityBadge } from './CriticalityBadge.tsx';
import { PersonalDataBadge } from './PersonalDataBadge.tsx';
import { ServiceFormModal } from './ServiceFormModal.tsx';
import { DIRECTION_SHORT, ENVIRONMENT_LABELS } from './service-labels.ts';
import { type StoredService, useServices } from './services-api.ts';

const COLUMNS = ['Service', 'Criticality', 'Data', 'Environment', 'Owner', 'Connections'];

type Editing = { service: StoredService | null } | null;

/** The solutions we build or run for a customer, with their connections to other systems. */
export function ServicesTab({ customerId, canEdit }: { customerId: string; canEdit: boolean }) {
  const services = useServices(customerId);
  const [editing, setEditing] = useState<Editing>(null);
  const [archiving, setArchiving] = useState<StoredService | null>(null);
  const list = services.data ?? [];

  const addButton = canEdit && (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ service: null })}>
      Add service
    </Button>
  );

  const body = (
    <QueryView
      query={services}
      loading={<ServicesSkeleton />}
      errorTitle="Could not load services"
      empty={
        <EmptyState
          py="xl"
          variant="light"
          icon={<IconServer size={30} />}
          title="No services yet"
          description="Add each solution we build or run for this customer: how critical it is, whether it holds personal data, and its connections to other systems. Incidents name the services they affect, and a compromised service's connections become the list of what else to check."
        >
          {canEdit && (
            <EmptyState.Actions>
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ service: null })}>
                Add the first service
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      }
    >
      {(list) => (
        <Table.ScrollContainer minWidth={820}>
          <Table highlightOnHover verticalSpacing="sm" aria-label="Services">
            <Table.Thead>
              <Table.Tr>
                {COLUMNS.map((c) => (
                  <Table.Th key={c} scope="col">
                    {c}
                  </Table.Th>
                ))}
                {canEdit && (
                  <Table.Th scope="col" w={50}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((service) => (
                <Table.Tr
                  key={service.id}
                  style={{ cursor: 'pointer' }}
                  onClick={(e) => {
                    if ((e.target as HTMLElement).closest('a, button, [role="menu"]')) return;
                    setEditing({ service });
                  }}
                >
                  <Table.Td maw={340}>
                    <Anchor
                      component="button"
                      type="button"
                      fz="sm"
                      fw={600}
                      onClick={() => setEditing({ service })}
                      aria-label={`${canEdit ? 'Edit' : 'View'} ${service.name}`}
                    >
                      {service.name}
                    </Anchor>
                    {service.description && (
                      <Text fz="xs" c="dimmed" truncate="end">
                        {service.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <CriticalityBadge criticality={service.criticality} />
                  </Table.Td>
                  <Table.Td>
                    {service.personalData ? (
                      <PersonalDataBadge size="sm" />
                    ) : (
                      <Text fz="sm" c="dimmed">
                        No personal data
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="default" radius="sm" fw={500} tt="none">
                      {ENVIRONMENT_LABELS[service.environment]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" c={service.owner ? undefined : 'dimmed'}>
                      {service.owner || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ConnectionsSummary service={service} />
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Menu position="bottom-end" withArrow>
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${service.name}`}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditing({ service })}>
                            Edit
                          </Menu.Item>
                          <Menu.Item color="red" leftSection={<IconArchive size={16} />} onClick={() => setArchiving(service)}>
                            Archive
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryView>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={720}>
          {list.length > 0
            ? `${list.length} ${list.length === 1 ? 'service' : 'services'}, most critical first. Open one to see or change its connections.`
            : 'The solutions we build or run for this customer.'}
        </Text>
        {list.length > 0 && addButton}
      </Group>
      <Paper withBorder radius="md" p={list.length > 0 || services.isPending ? 0 : 'md'}>
        {body}
      </Paper>
      <ServiceFormModal
        customerId={customerId}
        service={editing?.service ? (list.find((s) => s.id === editing.service?.id) ?? editing.service) : null}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        readOnly={!canEdit}
      />
      <ArchiveRecordModal kind="services" what="service" record={archiving} onClose={() => setArchiving(null)}>
        It leaves the list and can no longer be chosen for new incidents. Incidents that name it, its history and published plans
        keep it.
      </ArchiveRecordModal>
    </Stack>
  );
}

function ConnectionsSummary({ service }: { service: StoredService }) {
  const n = service.connections.length;
  if (n === 0)
    return (
      <Text fz="sm" c="dimmed">
        None
      </Text>
    );
  return (
    <Tooltip
      withArrow
      multiline
      maw={360}
      label={service.connections.slice(0, 8).map((c) => (
        <div key={c.id}>
          {DIRECTION_SHORT[c.direction]} {c.target}
          {c.protocol ? ` (${c.protocol})` : ''}
        </div>
      ))}
    >
      <Badge variant="light" color="indigo" radius="sm" tt="none">
        {n} {n === 1 ? 'connection' : 'connections'}
      </Badge>
    </Tooltip>
  );
}

function ServicesSkeleton() {
  return (
    <Stack p="md" gap="md" aria-busy aria-label="Loading services">
      {[65, 40, 55].map((w) => (
        <Group key={w} justify="space-between">
          <Skeleton h={14} w={`${w}%`} />
          <Skeleton h={20} w={70} radius="xl" />
        </Group>
      ))}
    </Stack>
  );
}
