import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconBellCog, IconForms, IconInbox, IconKey, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { type User, useLogout } from '../auth/auth-api.ts';
import { notifyError } from '../core/notify.ts';
import { useAccess } from '../customers/customers-api.ts';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

export function UserMenu({ user }: { user: User }) {
  const logout = useLogout();
  const allowed = useAccess().data?.allowed;
  const navigate = useNavigate();
  const signOut = () =>
    logout.mutate(undefined, {
      onSuccess: () => navigate('/login', { replace: true }),
      onError: (error) => notifyError('Could not sign out', error),
    });
  return (
    <Menu position="bottom-end" withArrow width={220}>
      <Menu.Target>
        <UnstyledButton aria-label={`Account: ${user.name}`}>
          <Avatar color="indigo" radius="xl" size={34}>
            {initials(user.name)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="bright">
            {user.name}
          </Text>
          <Text size="xs" c="dimmed">
            {user.email} · {user.role}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        {allowed?.manageAlertSources && (
          <Menu.Item component={Link} to="/admin/alerts" leftSection={<IconBellCog size={16} />}>
            Alert sources
          </Menu.Item>
        )}
        {allowed?.retryJobs && (
          <Menu.Item component={Link} to="/admin/jobs" leftSection={<IconInbox size={16} />}>
            Failed jobs
          </Menu.Item>
        )}
        {allowed?.manageIntake && (
          <Menu.Item component={Link} to="/admin/intake" leftSection={<IconForms size={16} />}>
            Public report form
          </Menu.Item>
        )}
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} />}>
          Your account and API tokens
        </Menu.Item>
        <Menu.Item component={Link} to="/account/password" leftSection={<IconKey size={16} />}>
          Change password
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={signOut}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
