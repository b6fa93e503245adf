import { Alert, Anchor, Button, Center, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { MIN_PASSWORD_LENGTH } from '../../shared/password-strength.ts';
import { AuthLayout } from '../auth/AuthLayout.tsx';
import { NEW_ACCOUNT_RULES } from '../auth/new-account-rules.ts';
import { PasswordStrength } from '../auth/PasswordStrength.tsx';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { focusFirstInvalid } from '../core/submit-shortcut.ts';
import { formatAbsolute } from '../core/time.ts';
import { MEMBERSHIP_LABELS } from '../customers/membership-labels.ts';
import { USER_ROLE_LABELS } from './user-labels.ts';
import { type InvitationOffer, useAcceptInvitation, useInvitationOffer } from './users-api.ts';

function offerText(offer: InvitationOffer): string {
  const what =
    offer.customerName && offer.customerRole
      ? `to work on ${offer.customerName} as ${MEMBERSHIP_LABELS[offer.customerRole].toLowerCase()}`
      : `as ${USER_ROLE_LABELS[offer.role].toLowerCase()}`;
  return `${offer.invitedByName} invited ${offer.email} ${what}. Choose your name and password; the link works once, until ${formatAbsolute(offer.expiresAt)}.`;
}

/** `/invitations/:token` — the person invited chooses their name and password, and is signed in. */
export function AcceptInvitationPage() {
  useDocumentTitle('Join Muster');
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const offer = useInvitationOffer(token);
  const accept = useAcceptInvitation(token);
  const form = useForm({
    initialValues: { name: '', password: '', confirm: '' },
    validate: {
      ...NEW_ACCOUNT_RULES,
    },
  });

  if (offer.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (offer.isError) {
    const known = isApiError(offer.error) && (offer.error.status === 404 || offer.error.status === 409);
    return (
      <AuthLayout title="This invitation cannot be used">
        <Stack gap="md">
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {known ? errorMessage(offer.error) : `Muster could not be reached: ${errorMessage(offer.error)}`}
          </Alert>
          <Anchor component={Link} to="/login" size="sm">
            Go to sign-in
          </Anchor>
        </Stack>
      </AuthLayout>
    );
  }

  const submit = form.onSubmit(
    (values) =>
      accept.mutate(
        { name: values.name.trim(), password: values.password },
        { onSuccess: () => navigate('/', { replace: true }), onError: (error) => showApiError(form, error) },
      ),
    focusFirstInvalid,
  );

  return (
    <AuthLayout title="Join Muster" subtitle={offerText(offer.data)} width={460}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label="E-mail" value={offer.data.email} readOnly autoComplete="username" />
          <TextInput label="Name" autoComplete="name" required autoFocus {...form.getInputProps('name')} />
          <PasswordInput
            label="Password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words work well; your name and e-mail do not.`}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <PasswordStrength
            password={form.values.password}
            email={offer.data.email}
            name={form.values.name}
            fieldError={Boolean(form.errors.password)}
          />
          <PasswordInput label="Confirm password" autoComplete="new-password" required {...form.getInputProps('confirm')} />
          <NotSavedAlert error={form.errors._api} />
          <Button type="submit" fullWidth loading={accept.isPending} mt="xs">
            Create my account
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            Already have an account?{' '}
            <Anchor component={Link} to="/login" inherit>
              Sign in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}
