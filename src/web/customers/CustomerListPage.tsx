import { Button, EmptyState, Group, List, Paper, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconFilterOff, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { QueryView } from '../core/QueryView.tsx';
import { CustomerTable, CustomerTableSkeleton } from './CustomerTable.tsx';
import { type StoredCustomer, useAccess, useCustomers } from './customers-api.ts';
import { NewCustomerModal } from './NewCustomerModal.tsx';
import { useRecordList } from './registry-api.ts';

const SETUP_STEPS = [
  'Create the customer, with the time zone of its contact points',
  'Add the services we run for them, with their connections to other systems',
  'Add their contact points and how to reach them (and test the channels)',
  'Fill the CSIRT roster, switch on the reporting obligations that apply, set up PACE ladders',
  'Publish the plan, so responders have it — also offline',
];

function matches(customer: StoredCustomer, q: string): boolean {
  const needle = q.trim().toLowerCase();
  return !needle || [customer.name, customer.code, customer.description].some((s) => s.toLowerCase().includes(needle));
}

export function CustomerListPage() {
  useDocumentTitle('Customers — Muster');
  const customers = useCustomers();
  const services = useRecordList<{ customerId: string }>('services', 'all');
  const { data: access } = useAccess();
  const mayCreate = access?.allowed.createCustomer ?? false;
  const [q, setQ] = useState('');
  const [creating, { open, close }] = useDisclosure(false);

  const serviceCounts = useMemo(() => {
    if (!services.data) return undefined;
    const counts = new Map<string, number>();
    for (const s of services.data) counts.set(s.customerId, (counts.get(s.customerId) ?? 0) + 1);
    return counts;
  }, [services.data]);
  const all = customers.data ?? [];
  const shown = all.filter((c) => matches(c, q));

  const body = (
    <QueryView
      query={customers}
      loading={<CustomerTableSkeleton />}
      errorTitle="Could not load customers"
      empty={
        <EmptyState
          py="xl"
          variant="light"
          icon={<IconBuildingSkyscraper size={32} />}
          title={mayCreate ? 'No customers yet' : 'You are not a member of any customer'}
          description={
            mayCreate
              ? 'A customer is an organisation we deliver to: it owns the services we run for it, its contact points and its contingency plan. In-house teams create one customer: themselves.'
              : 'Customers you are a member of appear here. Ask an administrator to add you to the customers you work for.'
          }
        >
          {mayCreate && (
            <>
              <List spacing={6} size="sm" ta="left" maw={560} mx="auto" mt="md">
                {SETUP_STEPS.map((step, i) => (
                  <List.Item
                    key={step}
                    icon={
                      <ThemeIcon size={22} radius="xl" variant="light" fz="xs" fw={700}>
                        {i + 1}
                      </ThemeIcon>
                    }
                  >
                    {step}
                  </List.Item>
                ))}
              </List>
              <EmptyState.Actions>
                <Button leftSection={<IconPlus size={16} />} onClick={open}>
                  Create the first customer
                </Button>
              </EmptyState.Actions>
            </>
          )}
        </EmptyState>
      }
    >
      {() =>
        shown.length === 0 ? (
          <EmptyState
            py="xl"
            icon={<IconFilterOff size={30} />}
            withIndicatorBackground
            title="No customer matches"
            description={`Nothing has “${q.trim()}” in its name, code or description.`}
          >
            <EmptyState.Actions>
              <Button variant="default" onClick={() => setQ('')}>
                Clear search
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        ) : (
          <CustomerTable
            customers={shown}
            serviceCounts={serviceCounts}
            memberships={access?.memberships ?? {}}
            admin={access?.user.role === 'admin'}
          />
        )
      }
    </QueryView>
  );

  const padded = !customers.isPending && shown.length === 0;
  return (
    <Stack gap="lg" maw={1280} mx="auto">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} fz="h2">
            Customers
          </Title>
          <Text c="dimmed" size="sm">
            The organisations we deliver to, each with its services, contact points, roster and contingency plan.
          </Text>
        </div>
        {mayCreate && all.length > 0 && (
          <Button leftSection={<IconPlus size={16} />} onClick={open}>
            New customer
          </Button>
        )}
      </Group>
      {all.length > 0 && (
        <TextInput
          label="Search"
          placeholder="Name, code or description"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          type="search"
          w={{ base: '100%', sm: 320 }}
        />
      )}
      <Paper withBorder radius="md" p={padded ? 'md' : 0}>
        {body}
      </Paper>
      <NewCustomerModal opened={creating} onClose={close} />
    </Stack>
  );
}
