import { ActionIcon, Button, Group, Select, Table, Text, TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { newConnectionRow, type ServiceFormValues } from './service-form-values.ts';
import { DIRECTION_OPTIONS } from './service-labels.ts';

/**
 * The service's accesses and network openings to other systems, as an editable table: when the service is
 * under attack these are what the customer's IT must check next.
 */
export function ConnectionsEditor({ form }: { form: UseFormReturnType<ServiceFormValues> }) {
  const rows = form.values.connections;
  const add = () => {
    form.insertListItem('connections', newConnectionRow());
    const index = rows.length;
    requestAnimationFrame(() => form.getInputNode(`connections.${index}.target`)?.focus());
  };

  return (
    <div>
      <Group justify="space-between" align="flex-end" mb="xs">
        <div>
          <Text fw={500} size="sm" id="connections-label">
            Connections
          </Text>
          <Text size="xs" c="dimmed">
            Accesses and network openings to other systems. If this service is compromised, these are checked next.
          </Text>
        </div>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add}>
          Add connection
        </Button>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed" fs="italic" py="sm" ta="center" bd="1px dashed var(--mantine-color-default-border)" bdrs="md">
          No connections recorded. Add the systems this service reaches or is reached from — databases, APIs, file transfers,
          admin access.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing={6} horizontalSpacing={6} aria-labelledby="connections-label" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w="22%">
                  Target
                </Table.Th>
                <Table.Th scope="col" w={170}>
                  Direction
                </Table.Th>
                <Table.Th scope="col" w={130}>
                  Protocol / port
                </Table.Th>
                <Table.Th scope="col" w="18%">
                  Account or credential
                </Table.Th>
                <Table.Th scope="col">Purpose</Table.Th>
                <Table.Th scope="col" w={44}>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => {
                const n = i + 1;
                return (
                  <Table.Tr key={row.rowKey} style={{ verticalAlign: 'top' }}>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={`Target of connection ${n}`}
                        placeholder="db01.acme.internal"
                        {...form.getInputProps(`connections.${i}.target`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={`Direction of connection ${n}`}
                        data={DIRECTION_OPTIONS}
                        allowDeselect={false}
                        comboboxProps={{ withinPortal: true }}
                        {...form.getInputProps(`connections.${i}.direction`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={`Protocol and port of connection ${n}`}
                        placeholder="HTTPS/443"
                        {...form.getInputProps(`connections.${i}.protocol`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={`Account or credential of connection ${n}`}
                        placeholder="svc-payroll (key in vault)"
                        {...form.getInputProps(`connections.${i}.account`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        aria-label={`Purpose of connection ${n}`}
                        placeholder="Nightly salary export"
                        {...form.getInputProps(`connections.${i}.purpose`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label="Remove this connection" withArrow>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove connection ${n}`}
                          onClick={() => form.removeListItem('connections', i)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </div>
  );
}
