import { Modal, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { notifySuccess } from '../core/notify.ts';
import { CustomerForm, EMPTY_CUSTOMER } from './CustomerForm.tsx';
import { useCreateCustomer } from './customers-api.ts';

/** Creates a customer (admins) and opens it on the Services tab, the first thing to fill in. */
export function NewCustomerModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateCustomer();
  const navigate = useNavigate();
  return (
    <Modal opened={opened} onClose={onClose} title="New customer" size="lg" closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}>
      {opened && (
        <>
          <Text size="sm" c="dimmed" mb="md">
            An organisation we deliver to. Next you add its services, contact points and roster; its plan is published from these.
          </Text>
          <CustomerForm
            initialValues={EMPTY_CUSTOMER}
            submitLabel="Create customer"
            pending={create.isPending}
            autoFocus
            onCancel={onClose}
            onSubmit={async (values) => {
              const customer = await create.mutateAsync(values);
              notifySuccess(`Next, add the services we run for ${customer.name}.`, `${customer.name} created`);
              onClose();
              navigate(`/customers/${customer.id}?tab=services`);
            }}
          />
        </>
      )}
    </Modal>
  );
}
