import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { User } from '../auth/auth-api.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { ContactLinkSelect } from './ContactLinkSelect.tsx';
import { useChangeProfile } from './users-api.ts';

/**
 * "Reach me through": the contact whose channels Muster uses to tell the signed-in user of a role given or a task
 * due. Without one, it writes to the account's e-mail.
 */
export function ReachMeCard({ user }: { user: User | undefined }) {
  const saved = user?.contactId ?? null;
  const [contactId, setContactId] = useState<string | null>(saved);
  const change = useChangeProfile();
  useEffect(() => setContactId(saved), [saved]);
  const save = () =>
    change.mutate(
      { contactId },
      {
        onSuccess: () =>
          notifySuccess(
            contactId ? 'Muster reaches you through this contact from now on' : 'Muster writes to your account’s e-mail',
          ),
        onError: (error) => notifyError('Not saved', error),
      },
    );
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="reach-title">
      <Stack gap="sm">
        <div>
          <Title order={2} fz="h4" id="reach-title">
            Reach me through
          </Title>
          <Text size="sm" c="dimmed">
            When you are given a role on an incident or a task of yours is due, Muster tells you through this contact’s e-mail,
            SMS and chat channels, in the contact’s order, moving on when one fails. Without a contact it writes to your account’s
            e-mail{user ? ` (${user.email})` : ''}. Not in the list? Add yourself as a person on the Contacts tab of our
            organisation or your customer.
          </Text>
        </div>
        <Group align="flex-start" gap="sm">
          <ContactLinkSelect
            label="Contact"
            value={contactId}
            onChange={setContactId}
            w={{ base: '100%', sm: 420 }}
            disabled={!user}
          />
          <Button mt={25} variant="default" loading={change.isPending} disabled={!user || contactId === saved} onClick={save}>
            Save contact
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
