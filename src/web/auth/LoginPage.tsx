import { Alert, Button, Center, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '../core/ErrorState.tsx';
import { errorMessage } from '../core/error-message.ts';
import { focusFirstInvalid } from '../core/submit-shortcut.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { useLogin, useMe, useSetupStatus } from './auth-api.ts';
import { SetupPendingNotice } from './SetupPendingNotice.tsx';

/** Only same-site paths are followed after sign-in, never an absolute URL from the query string. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  useDocumentTitle('Sign in — Muster');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const me = useMe();
  const setup = useSetupStatus(me.data === null);
  const login = useLogin();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (/^\S+@\S+$/.test(v.trim()) ? null : 'Enter the e-mail address of your account'),
      password: (v) => (v ? null : 'Enter your password'),
    },
  });

  if (me.data) return <Navigate to={next} replace />;
  if (me.isPending || (me.data === null && setup.isPending)) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (setup.data?.needed) return <SetupPendingNotice />;

  const submit = form.onSubmit(
    (values) =>
      login.mutate(
        { email: values.email.trim(), password: values.password },
        {
          onSuccess: () => navigate(next, { replace: true }),
          onError: () => form.setFieldValue('password', ''),
        },
      ),
    focusFirstInvalid,
  );

  return (
    <AuthLayout title="Sign in" subtitle="Security incident management for your team.">
      {(me.isError || setup.isError) && (
        <ErrorState
          title="Cannot reach Muster"
          error={me.error ?? setup.error}
          onRetry={() => {
            void me.refetch();
            void setup.refetch();
          }}
        />
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {login.isError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {errorMessage(login.error)}
            </Alert>
          )}
          <TextInput
            label="E-mail"
            type="email"
            autoComplete="username"
            required
            data-autofocus
            autoFocus
            {...form.getInputProps('email')}
          />
          <PasswordInput label="Password" autoComplete="current-password" required {...form.getInputProps('password')} />
          <Button type="submit" fullWidth loading={login.isPending} mt="xs">
            Sign in
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            Forgot your password? Ask a Muster administrator to reset it.
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
