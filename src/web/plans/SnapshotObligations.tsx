import { Divider, Group, Stack, Text } from '@mantine/core';
import { Fragment } from 'react';
import type { Contact, CustomerObligation } from '../../shared/prepare-types.ts';
import { ObligationCitation } from '../obligations/ObligationCitation.tsx';
import { ObligationDetails } from '../obligations/ObligationDetails.tsx';

/** The obligations switched on in the plan, each with its rule in words and its recipient. */
export function SnapshotObligations({ obligations, contacts }: { obligations: CustomerObligation[]; contacts: Contact[] }) {
  if (obligations.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No reporting obligations were switched on.
      </Text>
    );
  return (
    <Stack gap="md">
      {obligations.map((o, i) => {
        const recipient = contacts.find((c) => c.id === o.recipientContactId);
        return (
          <Fragment key={o.id}>
            {i > 0 && <Divider />}
            <Stack gap="xs">
              <div>
                <Text fw={600}>{o.definition.name}</Text>
                <ObligationCitation source={o.definition.source} />
              </div>
              <ObligationDetails definition={o.definition} />
              <Group gap={6}>
                <Text size="sm" c="dimmed">
                  Recipient contact:
                </Text>
                <Text size="sm" c={recipient ? undefined : 'orange'}>
                  {recipient ? recipient.name : 'not chosen'}
                </Text>
              </Group>
            </Stack>
          </Fragment>
        );
      })}
    </Stack>
  );
}
