import { Alert, Button, DataList, Paper, Text, Title } from '@mantine/core';
import { IconRefreshAlert } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Severity } from '../../shared/incident-vocabulary.ts';
import { DEFAULT_FIRST_REPORT, FIRST_REPORT_LABELS } from '../../shared/prepare-types.ts';
import { DEFAULT_REVIEW_SEVERITIES } from '../../shared/review-types.ts';
import { api, isApiError } from '../core/api.ts';
import { Markdown } from '../core/Markdown.tsx';
import { notifySuccess } from '../core/notify.ts';
import { CustomerForm, customerFieldsOf } from './CustomerForm.tsx';
import { type CustomerFields, type StoredCustomer, useUpdateCustomer } from './customers-api.ts';
import { registryKeys } from './registry-api.ts';

const same = (a: StoredCustomer, b: StoredCustomer) =>
  JSON.stringify(customerFieldsOf(a)) === JSON.stringify(customerFieldsOf(b));

/** The customer's own fields: an edit form for those who may change them, a read-only list for others. */
export function CustomerDetailsCard({ customer, canEdit }: { customer: StoredCustomer; canEdit: boolean }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="customer-details-title">
      <Title order={2} fz="h4" mb="md" id="customer-details-title">
        Details
      </Title>
      {canEdit ? <DetailsForm customer={customer} /> : <DetailsList customer={customer} />}
    </Paper>
  );
}

function DetailsList({ customer }: { customer: StoredCustomer }) {
  return (
    <DataList size="sm" labelWidth={110} withDivider>
      <DataList.Item>
        <DataList.ItemLabel>Name</DataList.ItemLabel>
        <DataList.ItemValue>{customer.name}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Code</DataList.ItemLabel>
        <DataList.ItemValue>{customer.code || '—'}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Time zone</DataList.ItemLabel>
        <DataList.ItemValue>{customer.timeZone}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>First report goes by itself</DataList.ItemLabel>
        <DataList.ItemValue>{FIRST_REPORT_LABELS[customer.firstReport ?? DEFAULT_FIRST_REPORT]}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Review needed for</DataList.ItemLabel>
        <DataList.ItemValue>{reviewWords(customer.reviewSeverities ?? DEFAULT_REVIEW_SEVERITIES)}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Description</DataList.ItemLabel>
        <DataList.ItemValue>
          {customer.description ? (
            <Markdown>{customer.description}</Markdown>
          ) : (
            <Text size="sm" c="dimmed" fs="italic">
              None
            </Text>
          )}
        </DataList.ItemValue>
      </DataList.Item>
    </DataList>
  );
}

function DetailsForm({ customer }: { customer: StoredCustomer }) {
  const update = useUpdateCustomer();
  const client = useQueryClient();
  // The customer as it was when editing started; live updates may move `customer` on meanwhile.
  const [base, setBase] = useState(customer);
  const [formKey, setFormKey] = useState(0);
  // Adding a member also bumps the version; only a change to these fields conflicts with the form.
  const changedMeanwhile = !same(base, customer);

  return (
    <CustomerForm
      key={formKey}
      initialValues={customerFieldsOf(base)}
      submitLabel="Save details"
      pending={update.isPending}
      disableSubmit={changedMeanwhile}
      notice={
        changedMeanwhile && (
          <Alert color="yellow" variant="light" icon={<IconRefreshAlert size={18} />} title="Changed while you were editing">
            <Text size="sm">
              Someone else saved changes to this customer. Load them before saving (your unsaved edits here are discarded).
            </Text>
            <Button
              mt="xs"
              size="xs"
              variant="white"
              color="yellow"
              onClick={() => {
                setBase(customer);
                setFormKey((k) => k + 1);
              }}
            >
              Load their changes
            </Button>
          </Alert>
        )
      }
      onSubmit={async (values) => {
        const before = customerFieldsOf(base) as unknown as Record<string, unknown>;
        const changes = Object.fromEntries(
          // JSON: the review severities are a list.
          Object.entries(values).filter(([field, value]) => JSON.stringify(before[field]) !== JSON.stringify(value)),
        ) as Partial<CustomerFields>;
        if (Object.keys(changes).length === 0) return;
        let saved: StoredCustomer;
        try {
          saved = await update.mutateAsync({ id: customer.id, changes, expectedVersion: customer.version });
        } catch (error) {
          if (!isApiError(error, 'conflict')) throw error;
          // The version also counts member changes and plan publications: retry when these fields are as we left them.
          const latest = await client.fetchQuery({
            queryKey: registryKeys.detail('customers', customer.id),
            queryFn: () => api<StoredCustomer>(`/customers/${customer.id}`),
          });
          if (!same(latest, base)) throw error;
          saved = await update.mutateAsync({ id: customer.id, changes, expectedVersion: latest.version });
        }
        setBase(saved);
        notifySuccess('Details saved');
      }}
    />
  );
}

/** "medium, high and critical severity", or that none needs one. */
function reviewWords(severities: readonly Severity[]): string {
  if (severities.length === 0) return 'no incident (none needs a review to close)';
  const words = [...severities];
  const last = words.pop();
  return `${words.length ? `${words.join(', ')} and ` : ''}${last} severity`;
}
