import { Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconKey } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid } from '../core/submit-shortcut.ts';
import { useAccess } from '../customers/customers-api.ts';
import { ApiTokensCard } from './ApiTokensCard.tsx';
import { ReachMeCard } from './ReachMeCard.tsx';
import { USER_ROLE_DESCRIPTIONS, USER_ROLE_LABELS } from './user-labels.ts';
import { useChangeProfile } from './users-api.ts';

/** `/account`: the signed-in user's profile, the contact that reaches them, password and API tokens. */
export function AccountPage() {
  useDocumentTitle('Your account — Muster');
  const { data: access } = useAccess();
  const user = access?.user;
  const change = useChangeProfile();
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (v) => (v.trim() ? null : 'Enter your name, as colleagues see it on the timeline') },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: fill the form once the user is known
  useEffect(() => {
    if (user) form.setValues({ name: user.name });
  }, [user?.name]);

  const submit = form.onSubmit(
    ({ name }) =>
      change.mutate(
        { name: name.trim() },
        {
          onSuccess: () => notifySuccess('Your name is changed; what you did before keeps the name you had then.'),
          onError: (error) => showApiError(form, error),
        },
      ),
    focusFirstInvalid,
  );
  const customers = Object.keys(access?.memberships ?? {}).length;

  return (
    <Stack gap="lg" maw={860} mx="auto">
      <Title order={1} fz="h2">
        Your account
      </Title>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="md">
          <Title order={2} fz="h4">
            Profile
          </Title>
          <Group gap="xs">
            <Text size="sm">{user?.email}</Text>
            {user && (
              <Badge variant="light" title={USER_ROLE_DESCRIPTIONS[user.role]}>
                {USER_ROLE_LABELS[user.role]}
              </Badge>
            )}
            {user?.role !== 'admin' && (
              <Text size="sm" c="dimmed">
                {customers === 0
                  ? 'Not a member of any customer yet; an administrator or a customer’s manager adds you.'
                  : `Member of ${customers} customer${customers === 1 ? '' : 's'}.`}
              </Text>
            )}
          </Group>
          <form onSubmit={submit} noValidate>
            <Group align="flex-start" gap="sm">
              <TextInput label="Name" autoComplete="name" w={{ base: '100%', sm: 320 }} {...form.getInputProps('name')} />
              <Button
                type="submit"
                mt={25}
                variant="default"
                loading={change.isPending}
                disabled={form.values.name.trim() === user?.name}
              >
                Save name
              </Button>
            </Group>
            <NotSavedAlert error={form.errors._api} />
          </form>
        </Stack>
      </Paper>
      <ReachMeCard user={user} />
      <Paper withBorder radius="md" p="lg">
        <Group justify="space-between">
          <div>
            <Title order={2} fz="h4">
              Password
            </Title>
            <Text size="sm" c="dimmed">
              Changing it signs you out everywhere else; API tokens keep working.
            </Text>
          </div>
          <Button component={Link} to="/account/password" variant="default" leftSection={<IconKey size={16} />}>
            Change password
          </Button>
        </Group>
      </Paper>
      <ApiTokensCard />
    </Stack>
  );
}
