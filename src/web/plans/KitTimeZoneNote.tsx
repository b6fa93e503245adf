import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCustomer } from '../customers/customers-api.ts';

/**
 * Which zone the printed plan shows its times in: the customer's (the server's default for the kit, the PDF and
 * the PACE card), with the way to change it.
 */
export function KitTimeZoneNote({ customerId }: { customerId: string }) {
  const { data: customer } = useCustomer(customerId);
  const zone = customer?.timeZone || 'UTC';
  return (
    <Text size="xs" c="dimmed" data-testid="kit-time-zone">
      Times are printed in {zone} (the customer’s time zone);{' '}
      <Anchor component={Link} to={`/customers/${encodeURIComponent(customerId)}`} size="xs">
        change it here
      </Anchor>
      .
    </Text>
  );
}
