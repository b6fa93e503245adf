import { Grid, Stack } from '@mantine/core';
import { CustomerDetailsCard } from './CustomerDetailsCard.tsx';
import type { StoredCustomer } from './customers-api.ts';
import { RecordHistory } from './RecordHistory.tsx';
import { SetupChecklist } from './SetupChecklist.tsx';

export function CustomerOverviewTab({ customer, canEdit }: { customer: StoredCustomer; canEdit: boolean }) {
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <CustomerDetailsCard customer={customer} canEdit={canEdit} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md">
          <SetupChecklist customerId={customer.id} />
          <RecordHistory kind="customers" id={customer.id} what="the customer" />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
