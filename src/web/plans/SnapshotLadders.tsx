import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { type Contact, PACE_PURPOSE_LABELS, PACE_PURPOSES, type PacePlan } from '../../shared/prepare-types.ts';
import { PaceLadderTable } from '../pace/PaceLadderTable.tsx';
import { PaceWarnings } from '../pace/PaceWarnings.tsx';

/** Every purpose's ladder as frozen in the plan, with the warnings it had. */
export function SnapshotLadders({
  pacePlans,
  contacts,
  customerId,
}: {
  pacePlans: PacePlan[];
  contacts: Contact[];
  customerId: string;
}) {
  return (
    <Stack gap="lg">
      {PACE_PURPOSES.map((purpose) => {
        const plan = pacePlans.find((p) => p.purpose === purpose);
        return (
          <Stack key={purpose} gap="xs">
            <Group gap="xs">
              <Title order={3} fz="md">
                {PACE_PURPOSE_LABELS[purpose]}
              </Title>
              {plan && (
                <Badge size="xs" variant="light" color={plan.customerId === customerId ? 'grape' : 'gray'}>
                  {plan.customerId === customerId ? 'Customer-specific' : 'Default ladder'}
                </Badge>
              )}
            </Group>
            {plan ? (
              <>
                <PaceWarnings warnings={plan.warnings} compact />
                <PaceLadderTable levels={plan.levels} contacts={contacts} label={`${PACE_PURPOSE_LABELS[purpose]}: ladder`} />
              </>
            ) : (
              <Text size="sm" c="red">
                No ladder for this purpose.
              </Text>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
