import { Alert, Button, Center, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { MIN_PASSWORD_LENGTH } from '../../shared/password-strength.ts';
import { isApiError } from '../core/api.ts';
import { ErrorState } from '../core/ErrorState.tsx';
import { errorMessage } from '../core/error-message.ts';
import { focusFirstInvalid } from '../core/submit-shortcut.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { useSetup, useSetupStatus } from './auth-api.ts';
import { NEW_ACCOUNT_RULES } from './new-account-rules.ts';
import { PasswordStrength } from './PasswordStrength.tsx';
import { SetupPendingNotice } from './SetupPendingNotice.tsx';

const FIELDS = ['email', 'name', 'password'] as const;

/** /setup?token=… — creates the first administrator with the one-time token from the server log. */
export function SetupPage() {
  useDocumentTitle('Set up Muster');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const status = useSetupStatus();
  const setup = useSetup();
  const form = useForm({
    initialValues: { email: '', name: '', password: '', confirm: '' },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid e-mail address'),
      ...NEW_ACCOUNT_RULES,
    },
  });

  if (status.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (status.isError) {
    return (
      <AuthLayout title="Set up Muster">
        <ErrorState title="Cannot reach Muster" error={status.error} onRetry={() => status.refetch()} />
      </AuthLayout>
    );
  }
  if (!status.data.needed && !setup.isSuccess) return <Navigate to="/login" replace />;
  if (!token) return <SetupPendingNotice />;

  const submit = form.onSubmit(
    (values) =>
      setup.mutate(
        { token, email: values.email.trim(), name: values.name.trim(), password: values.password },
        {
          onSuccess: () => navigate('/', { replace: true }),
          onError: (error) => {
            const field = isApiError(error) ? error.field : undefined;
            if (field && (FIELDS as readonly string[]).includes(field)) form.setFieldError(field, error.message);
          },
        },
      ),
    focusFirstInvalid,
  );
  const fieldError = isApiError(setup.error) && (FIELDS as readonly string[]).includes(setup.error.field ?? '');

  return (
    <AuthLayout
      title="Create the first administrator"
      subtitle="This account can manage users and settings. You can invite your team afterwards."
      width={460}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {setup.isError && !fieldError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="Setup failed">
              {errorMessage(setup.error)}
              {isApiError(setup.error) && setup.error.field === 'token' && (
                <Text size="sm" mt={4}>
                  Copy the setup link again from the server log; it changes each time the server starts.
                </Text>
              )}
            </Alert>
          )}
          <TextInput label="E-mail" type="email" autoComplete="email" required autoFocus {...form.getInputProps('email')} />
          <TextInput label="Name" autoComplete="name" required {...form.getInputProps('name')} />
          <PasswordInput
            label="Password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words work well; your name and e-mail do not.`}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <PasswordStrength
            password={form.values.password}
            email={form.values.email}
            name={form.values.name}
            fieldError={Boolean(form.errors.password)}
          />
          <PasswordInput label="Confirm password" autoComplete="new-password" required {...form.getInputProps('confirm')} />
          <Button type="submit" fullWidth loading={setup.isPending} mt="xs">
            Create administrator
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
