import { Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../shared/password-strength.ts';
import { focusSoon } from '../core/focus-soon.ts';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid } from '../core/submit-shortcut.ts';
import { useChangePassword, useMe } from './auth-api.ts';
import { PasswordStrength } from './PasswordStrength.tsx';

/** `/account/password`: the signed-in user changes their own password. */
export function ChangePasswordPage() {
  useDocumentTitle('Change password — Muster');
  const { data: user } = useMe();
  const change = useChangePassword();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : 'Enter your current password'),
      newPassword: (v) => (v.length >= MIN_PASSWORD_LENGTH ? null : `Use at least ${MIN_PASSWORD_LENGTH} characters`),
      confirm: (v, values) => (v === values.newPassword ? null : 'The new passwords do not match'),
    },
  });

  // Opened from the account menu, whose closing hands focus back to its button: take it after that.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival
  useEffect(() => focusSoon(() => form.getInputNode('currentPassword')), []);

  const submit = form.onSubmit(
    ({ currentPassword, newPassword }) =>
      change.mutate(
        { currentPassword, newPassword },
        {
          onSuccess: () => {
            form.reset();
            notifySuccess('You are still signed in here; every other browser has been signed out.', 'Password changed');
          },
          onError: (error) => showApiError(form, error),
        },
      ),
    focusFirstInvalid,
  );

  return (
    <Stack gap="lg" maw={560} mx="auto">
      <div>
        <Title order={1} fz="h2">
          Change password
        </Title>
        <Text c="dimmed" size="sm">
          You stay signed in here; every other browser signed in as you is signed out. API tokens keep working.
        </Text>
      </div>
      <Card withBorder padding="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {/* For password managers: which account this password belongs to. */}
            <input type="email" name="username" autoComplete="username" value={user?.email ?? ''} readOnly hidden />
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              required
              {...form.getInputProps('currentPassword')}
            />
            <PasswordInput
              label="New password"
              description={`At least ${MIN_PASSWORD_LENGTH} characters and hard to guess. A few unrelated words work well.`}
              autoComplete="new-password"
              required
              {...form.getInputProps('newPassword')}
            />
            <PasswordStrength
              password={form.values.newPassword}
              email={user?.email}
              name={user?.name}
              fieldError={Boolean(form.errors.newPassword)}
            />
            <PasswordInput label="Confirm new password" autoComplete="new-password" required {...form.getInputProps('confirm')} />
            <NotSavedAlert error={form.errors._api} />
            <Group justify="flex-end">
              <Button type="submit" loading={change.isPending}>
                Change password
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
