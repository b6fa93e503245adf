import { Button, Group, Select } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconUserPlus } from '@tabler/icons-react';
import type { Membership, MembershipRole } from '../../shared/prepare-types.ts';
import { errorMessage } from '../core/error-message.ts';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid } from '../core/submit-shortcut.ts';
import { useMemberActions, useUsers } from './customers-api.ts';
import { MEMBERSHIP_LABELS, ROLE_OPTIONS } from './membership-labels.ts';

interface Values {
  userId: string | null;
  role: MembershipRole;
}

/** Picks an account that is not yet a member and gives it a role here. */
export function AddMemberForm({ customerId, existing }: { customerId: string; existing: Membership[] }) {
  const users = useUsers();
  const { setRole } = useMemberActions(customerId);
  const form = useForm<Values>({
    initialValues: { userId: null, role: 'responder' },
    validate: { userId: (v) => (v ? null : 'Choose the person to add') },
  });
  const taken = new Set(existing.map((m) => m.userId));
  const options = (users.data ?? [])
    .filter((u) => !taken.has(u.id))
    .map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));

  const submit = form.onSubmit(
    (values) =>
      setRole.mutate(
        { userId: values.userId as string, role: values.role },
        {
          onSuccess: (m) => {
            notifySuccess(`${m.userName} was added as a ${MEMBERSHIP_LABELS[m.role].toLowerCase()}`);
            form.reset();
          },
          onError: (error) => form.setFieldError('userId', errorMessage(error)),
        },
      ),
    focusFirstInvalid,
  );

  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-start" gap="sm">
        <Select
          label="Person"
          placeholder={
            users.isPending ? 'Loading accounts…' : options.length ? 'Search by name or e-mail' : 'Everyone is a member'
          }
          data={options}
          searchable
          nothingFoundMessage="No account matches. Use “Invite by e-mail” for someone new."
          w={{ base: '100%', sm: 360 }}
          {...form.getInputProps('userId')}
          error={form.errors.userId ?? (users.isError ? errorMessage(users.error) : undefined)}
        />
        <Select
          label="Role"
          data={ROLE_OPTIONS}
          allowDeselect={false}
          w={{ base: '100%', sm: 180 }}
          {...form.getInputProps('role')}
        />
        <Button type="submit" mt={25} leftSection={<IconUserPlus size={16} />} loading={setRole.isPending}>
          Add member
        </Button>
      </Group>
    </form>
  );
}
