import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import type { UserRole } from '../../shared/incident-vocabulary.ts';
import type { MembershipRole } from '../../shared/prepare-types.ts';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { focusFirstInvalid } from '../core/submit-shortcut.ts';
import { useCustomers } from '../customers/customers-api.ts';
import { MEMBERSHIP_DESCRIPTIONS, ROLE_OPTIONS } from '../customers/membership-labels.ts';
import { InviteResult } from './InviteResult.tsx';
import { USER_ROLE_DESCRIPTIONS, USER_ROLE_OPTIONS } from './user-labels.ts';
import { type Invited, useInvite } from './users-api.ts';

interface Values {
  email: string;
  role: UserRole;
  customerId: string | null;
  customerRole: MembershipRole;
}

interface InviteModalProps {
  opened: boolean;
  onClose: () => void;
  /** Invite into this customer with a customer role only (a customer's members panel); else an admin's full form. */
  customer?: { id: string; name: string };
}

/** Invites a person by e-mail; afterwards says whether the mail went out, or hands over the link to pass on. */
export function InviteModal({ opened, onClose, customer }: InviteModalProps) {
  const invite = useInvite();
  const [invited, setInvited] = useState<Invited | null>(null);
  const customers = useCustomers(opened && !customer);
  const form = useForm<Values>({
    initialValues: { email: '', role: customer ? 'viewer' : 'responder', customerId: null, customerRole: 'responder' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter the e-mail address to invite') },
  });
  const close = () => {
    onClose();
    setInvited(null);
    invite.reset();
    form.reset();
  };
  const again = () => {
    setInvited(null);
    form.setFieldValue('email', '');
  };

  const customerId = customer?.id ?? form.values.customerId;
  const submit = form.onSubmit(
    (values) =>
      invite.mutate(
        {
          email: values.email.trim(),
          ...(customer ? {} : { role: values.role }),
          ...(customerId ? { customerId, customerRole: values.customerRole } : {}),
        },
        { onSuccess: setInvited, onError: (error) => showApiError(form, error) },
      ),
    focusFirstInvalid,
  );

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={customer ? `Invite someone to ${customer.name}` : 'Invite someone'}
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
      size="lg"
    >
      {invited ? (
        <Stack gap="md">
          <InviteResult invited={invited} />
          <Group justify="flex-end">
            <Button variant="default" onClick={again}>
              Invite another
            </Button>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label="E-mail"
              type="email"
              autoComplete="off"
              description="They get a link to choose their name and password. It works once and expires."
              required
              data-autofocus
              {...form.getInputProps('email')}
            />
            {!customer && (
              <Select
                label="Role in Muster"
                data={USER_ROLE_OPTIONS}
                allowDeselect={false}
                description={USER_ROLE_DESCRIPTIONS[form.values.role]}
                {...form.getInputProps('role')}
              />
            )}
            {!customer && (
              <Select
                label="Customer (optional)"
                placeholder={customers.data?.length ? 'None: add to customers later' : 'No customers yet'}
                data={(customers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                searchable
                clearable
                {...form.getInputProps('customerId')}
              />
            )}
            {customerId && (
              <Select
                label={customer ? 'Role for this customer' : 'Role for the customer'}
                data={ROLE_OPTIONS}
                allowDeselect={false}
                description={MEMBERSHIP_DESCRIPTIONS[form.values.customerRole]}
                {...form.getInputProps('customerRole')}
              />
            )}
            <NotSavedAlert error={form.errors._api} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending}>
                Send invitation
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
