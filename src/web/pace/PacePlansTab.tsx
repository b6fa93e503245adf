import { Skeleton, Stack, Text } from '@mantine/core';
import { PACE_PURPOSES } from '../../shared/prepare-types.ts';
import { ErrorState } from '../core/ErrorState.tsx';
import { useScopeAllowed } from '../customers/customers-api.ts';
import { PaceLadderCard } from './PaceLadderCard.tsx';
import { useContactsInScope, usePacePlans } from './pace-api.ts';

/**
 * PACE ladders, one card per purpose. For a customer: its own ladders, or the default one it falls back on;
 * for our organisation (customerId null): the default ladders.
 */
export function PacePlansTab({ customerId }: { customerId: string | null }) {
  const own = usePacePlans(customerId ?? 'organisation');
  const defaults = usePacePlans('organisation');
  const contacts = useContactsInScope(customerId);
  const access = useScopeAllowed(customerId);

  const failed = [own, defaults, contacts].find((q) => q.isError);
  if (failed) {
    return (
      <ErrorState
        title="Could not load the PACE ladders"
        error={failed.error}
        onRetry={() => {
          void own.refetch();
          void defaults.refetch();
          void contacts.refetch();
        }}
        retrying={own.isFetching || defaults.isFetching || contacts.isFetching}
      />
    );
  }
  if (!own.data || !defaults.data || !contacts.data) {
    return (
      <Stack gap="md" aria-busy aria-label="Loading PACE ladders">
        {PACE_PURPOSES.slice(0, 3).map((p) => (
          <Skeleton key={p} h={220} radius="md" />
        ))}
      </Stack>
    );
  }

  const ownPlans = own.data;
  const defaultPlans = defaults.data;
  const inScope = contacts.data;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={860}>
        {customerId
          ? 'For each communication need: a Primary, Alternate, Contingency and Emergency channel, each independent of the others, and when to move down the ladder. Purposes without a customer-specific ladder use our organisation’s default.'
          : 'Our organisation’s default ladders: every customer without a ladder of its own for a purpose uses these.'}
      </Text>
      {!access.edit && !access.loading && (
        <Text size="sm" c="dimmed">
          {customerId
            ? 'You can read these ladders; a manager of this customer can change them.'
            : 'You can read these ladders; an administrator can change them.'}
        </Text>
      )}
      {PACE_PURPOSES.map((purpose) => (
        <PaceLadderCard
          key={purpose}
          purpose={purpose}
          customerId={customerId}
          own={ownPlans.find((p) => p.purpose === purpose)}
          fallback={defaultPlans.find((p) => p.purpose === purpose)}
          contacts={inScope}
          canEdit={access.edit}
        />
      ))}
    </Stack>
  );
}
