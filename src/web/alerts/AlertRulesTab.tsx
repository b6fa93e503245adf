import { ActionIcon, Alert, Badge, Button, Code, Group, Paper, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconInfoCircle, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { AlertRule, RuleAction } from '../../shared/triage-types.ts';
import { focusSoon } from '../core/focus-soon.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { RemoveModal } from '../core/RemoveModal.tsx';
import { useCustomers } from '../customers/customers-api.ts';
import { SeverityBadge } from '../incidents/SeverityBadge.tsx';
import { AlertRuleModal } from './AlertRuleModal.tsx';
import { useAlertRuleActions, useAlertRules, useAlertSources } from './alerts-api.ts';

const ACTION_WORDS: Record<RuleAction, string> = {
  triage: 'Triage queue',
  open: 'Open an incident',
  attach: 'Attach to an incident',
};

/** Grouping rules in the order they are tried; create, edit, delete. */
export function AlertRulesTab() {
  const query = useAlertRules();
  const actions = useAlertRuleActions();
  const customers = useCustomers();
  const sources = useAlertSources();
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);
  const [removing, setRemoving] = useState<AlertRule | null>(null);
  const customerName = (id: string | null) =>
    id ? (customers.data?.find((c) => c.id === id)?.name ?? 'Archived customer') : 'Every customer';
  const sourceName = (id: string) => sources.data?.find((s) => s.id === id)?.name ?? 'A removed source';
  const newRuleRef = useRef<HTMLButtonElement>(null);
  const tableRef = useRef<HTMLDivElement>(null);

  const remove = () => {
    if (!removing) return;
    actions.remove.mutate(removing.id, {
      onSuccess: () => {
        notifySuccess(`“${removing.name}” no longer applies to new alerts.`, 'Rule deleted');
        setRemoving(null);
        focusSoon(() => newRuleRef.current); // its row is gone
      },
      onError: (error) => notifyError('Rule not deleted', error),
    });
  };

  // The arrow that moved a rule keeps the keyboard, so it can move on; at the top or bottom, the other arrow takes it.
  const move = (rule: AlertRule, other: AlertRule | undefined, direction: 'earlier' | 'later') => {
    if (!other || actions.swap.isPending) return;
    actions.swap.mutate(
      { rule, other },
      {
        onSuccess: () =>
          focusSoon(() => {
            const row = tableRef.current?.querySelector(`[data-rule-id="${CSS.escape(rule.id)}"]`);
            const arrow = (which: string) => row?.querySelector<HTMLButtonElement>(`[data-move="${which}"]`);
            const same = arrow(direction);
            return same && !same.disabled ? same : arrow(direction === 'earlier' ? 'later' : 'earlier');
          }),
        onError: (error) => notifyError('Order not changed', error),
      },
    );
  };

  const body = (
    <QueryView
      query={query}
      loading="Loading grouping rules"
      errorTitle="Could not load the grouping rules"
      empty={
        <Text size="sm" c="dimmed" p="md">
          No rules: every alert follows the default above.
        </Text>
      }
    >
      {(rules) => (
        <Table.ScrollContainer minWidth={900} ref={tableRef}>
          <Table verticalSpacing="sm" aria-label="Grouping rules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">#</Table.Th>
                <Table.Th scope="col">Rule</Table.Th>
                <Table.Th scope="col">Takes</Table.Th>
                <Table.Th scope="col">Groups by</Table.Th>
                <Table.Th scope="col">Then</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.map((rule, index) => {
                const labels = Object.entries(rule.match.labels ?? {});
                const any = !rule.match.severities?.length && !labels.length && !rule.match.sourceId;
                return (
                  <Table.Tr key={rule.id} data-rule-id={rule.id}>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {index + 1}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {rule.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {customerName(rule.customerId)}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={320}>
                      <Group gap={4}>
                        {any && (
                          <Text size="sm" c="dimmed">
                            Every alert
                          </Text>
                        )}
                        {rule.match.severities?.map((s) => (
                          <SeverityBadge key={s} severity={s} size="sm" />
                        ))}
                        {labels.map(([name, value]) => (
                          <Badge key={name} size="sm" variant="default" fw={500} tt="none">
                            {name}={value}
                          </Badge>
                        ))}
                        {rule.match.sourceId && (
                          <Badge size="sm" variant="outline" tt="none">
                            from {sourceName(rule.match.sourceId)}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {rule.groupBy.length ? (
                          rule.groupBy.map((l) => (
                            <Code key={l} fz="xs">
                              {l}
                            </Code>
                          ))
                        ) : (
                          <Text size="xs" c="dimmed">
                            customer and service only
                          </Text>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed">
                        within {rule.windowMinutes} min
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{ACTION_WORDS[rule.action]}</Text>
                      {rule.action === 'attach' && (
                        <Text size="xs" c="dimmed" ff={rule.incident ? 'monospace' : undefined}>
                          {rule.incident ?? 'the customer’s most recent open incident'}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <Tooltip label="Try earlier" withArrow>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            disabled={index === 0}
                            aria-disabled={actions.swap.isPending || undefined}
                            data-move="earlier"
                            onClick={() => move(rule, rules[index - 1], 'earlier')}
                            aria-label={`Try ${rule.name} earlier`}
                          >
                            <IconArrowUp size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Try later" withArrow>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            disabled={index === rules.length - 1}
                            aria-disabled={actions.swap.isPending || undefined}
                            data-move="later"
                            onClick={() => move(rule, rules[index + 1], 'later')}
                            aria-label={`Try ${rule.name} later`}
                          >
                            <IconArrowDown size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Edit" withArrow>
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            onClick={() => setEditing(rule)}
                            aria-label={`Edit ${rule.name}`}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Delete" withArrow>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            onClick={() => setRemoving(rule)}
                            aria-label={`Delete ${rule.name}`}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </QueryView>
  );

  return (
    <Stack gap="md">
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
        <Text size="sm">
          By default, alerts of the same customer, service and <Code>alertname</Code> within 5 minutes form one group in the
          triage queue. Rules change that for the alerts they take; they are tried in this order and the first that matches
          applies.
        </Text>
      </Alert>
      <Group justify="flex-end">
        <Button ref={newRuleRef} leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          New rule
        </Button>
      </Group>
      <Paper withBorder radius="md">
        {body}
      </Paper>
      <AlertRuleModal opened={editing !== null} onClose={() => setEditing(null)} rule={editing === 'new' ? null : editing} />
      <RemoveModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Delete “${removing?.name ?? ''}”?`}
        removeLabel="Delete rule"
        onRemove={remove}
        pending={actions.remove.isPending}
      >
        Alerts arriving from now on follow the next rule that matches, or the default. Groups it already made stay as they are.
      </RemoveModal>
    </Stack>
  );
}
