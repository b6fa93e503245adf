import { Button, Modal, Stack, Text } from '@mantine/core';
import { IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { useAccess } from '../customers/customers-api.ts';
import { useAccessActions } from './incident-access-api.ts';

/**
 * On the not-found page, for admins and customer managers: a TLP:RED incident of a customer they manage may be
 * one they are not on the list of. They can add themselves; everyone on the list sees that they did.
 */
export function BreakGlassButton({ idOrKey }: { idOrKey: string }) {
  const access = useAccess();
  const { add } = useAccessActions(idOrKey);
  const [opened, setOpened] = useState(false);
  const me = access.data;
  const mayBreakGlass = me?.allowed.breakGlass;
  if (!mayBreakGlass) return null;
  const refused = add.isError && isApiError(add.error, 'not_found');
  return (
    <>
      <Button variant="default" color="red" leftSection={<IconLockOpen size={16} />} onClick={() => setOpened(true)}>
        Break the glass
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Add yourself to the access list?" centered>
        <Stack>
          <Text size="sm">
            If {idOrKey} is a TLP:RED incident of a customer you manage, you can put yourself on its access list to read it. This
            is recorded on its timeline and shown to everyone on the list.
          </Text>
          {add.isError && (
            <Text size="sm" c="red">
              {refused ? `There is no incident ${idOrKey} you may add yourself to.` : errorMessage(add.error)}
            </Text>
          )}
          <Button
            color="red"
            loading={add.isPending}
            onClick={() => add.mutate(me.user.id, { onSuccess: () => setOpened(false) })}
          >
            Add me to the access list
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
