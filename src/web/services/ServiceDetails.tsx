import { Badge, Button, DataList, Group, Stack, Table, Text } from '@mantine/core';
import { CriticalityBadge } from './CriticalityBadge.tsx';
import { PersonalDataBadge } from './PersonalDataBadge.tsx';
import { DIRECTION_LABELS, ENVIRONMENT_LABELS } from './service-labels.ts';
import type { StoredService } from './services-api.ts';

function Empty({ children = '—' }: { children?: string }) {
  return (
    <Text span c="dimmed" inherit>
      {children}
    </Text>
  );
}

/** A service as read by those who may not change it: its facts and its connections. */
export function ServiceDetails({ service, onClose }: { service: StoredService; onClose: () => void }) {
  return (
    <Stack gap="md">
      <DataList size="sm" labelWidth={120} withDivider>
        <DataList.Item>
          <DataList.ItemLabel>Criticality</DataList.ItemLabel>
          <DataList.ItemValue>
            <Group gap="xs">
              <CriticalityBadge criticality={service.criticality} />
              {service.personalData && <PersonalDataBadge size="sm" />}
            </Group>
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Environment</DataList.ItemLabel>
          <DataList.ItemValue>{ENVIRONMENT_LABELS[service.environment]}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Owner</DataList.ItemLabel>
          <DataList.ItemValue>{service.owner || <Empty />}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Description</DataList.ItemLabel>
          <DataList.ItemValue style={{ whiteSpace: 'pre-line' }}>{service.description || <Empty />}</DataList.ItemValue>
        </DataList.Item>
      </DataList>
      <div>
        <Text fw={500} size="sm" id="service-connections-title">
          Connections
        </Text>
        <Text size="xs" c="dimmed" mb="xs">
          If this service is compromised, these are checked next.
        </Text>
        {service.connections.length === 0 ? (
          <Text size="sm" c="dimmed" fs="italic">
            No connections recorded.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table withTableBorder verticalSpacing="xs" aria-labelledby="service-connections-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Target</Table.Th>
                  <Table.Th scope="col">Direction</Table.Th>
                  <Table.Th scope="col">Protocol / port</Table.Th>
                  <Table.Th scope="col">Account or credential</Table.Th>
                  <Table.Th scope="col">Purpose</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {service.connections.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td fw={500}>{c.target}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray" tt="none" radius="sm">
                        {DIRECTION_LABELS[c.direction]}
                      </Badge>
                    </Table.Td>
                    <Table.Td ff="monospace" fz="xs">
                      {c.protocol || <Empty />}
                    </Table.Td>
                    <Table.Td>{c.account || <Empty />}</Table.Td>
                    <Table.Td>{c.purpose || <Empty />}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </div>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus>
          Close
        </Button>
      </Group>
    </Stack>
  );
}
