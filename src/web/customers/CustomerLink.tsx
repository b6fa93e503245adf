import { Anchor, Skeleton, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCustomer } from './customers-api.ts';

/** A customer's name linking to its page. */
export function CustomerLink({ customerId }: { customerId: string }) {
  const customer = useCustomer(customerId);
  if (customer.isPending) return <Skeleton h={12} w={120} />;
  if (!customer.data)
    return (
      <Text span size="sm" c="dimmed">
        Not available
      </Text>
    );
  return (
    <Anchor component={Link} to={`/customers/${customerId}`} size="sm">
      {customer.data.name}
    </Anchor>
  );
}
