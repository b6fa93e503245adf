import { ActionIcon, AppShell, Button, Group, Text, UnstyledButton } from '@mantine/core';
import {
  IconAlarm,
  IconBuildingCommunity,
  IconBuildingSkyscraper,
  IconLayoutDashboard,
  IconList,
  IconPlus,
  IconShieldHalfFilled,
} from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useMe } from '../auth/auth-api.ts';
import { ErrorBoundary } from '../core/ErrorBoundary.tsx';
import { useAccess } from '../customers/customers-api.ts';
import { TriageNavLink } from '../triage/TriageNavLink.tsx';
import { ColorSchemeToggle } from './ColorSchemeToggle.tsx';
import { LiveIndicator } from './LiveIndicator.tsx';
import { MainNavLink } from './MainNavLink.tsx';
import { UserMenu } from './UserMenu.tsx';
import { useLiveUpdates } from './use-live-updates.ts';

/** The signed-in shell: header with navigation, live status, theme toggle and account menu. */
export function AppLayout() {
  const { data: user } = useMe();
  const { data: access } = useAccess();
  const live = useLiveUpdates();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After client-side navigation, move focus to the new page so keyboard and screen reader users start there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose for each new path
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [location.pathname]);

  const onIncidents =
    location.pathname === '/' || (location.pathname.startsWith('/incidents/') && location.pathname !== '/incidents/new');

  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <UnstyledButton component={Link} to="/" aria-label="Muster home">
              <Group gap={8} wrap="nowrap">
                <IconShieldHalfFilled size={26} color="var(--mantine-primary-color-filled)" aria-hidden />
                <Text fw={750} fz="lg" lts={-0.3}>
                  Muster
                </Text>
              </Group>
            </UnstyledButton>
            <Group gap={4} component="nav" aria-label="Main" visibleFrom="sm" wrap="nowrap">
              <MainNavLink to="/" label="Incidents" icon={<IconList size={16} />} active={onIncidents} />
              <TriageNavLink active={location.pathname.startsWith('/triage')} enabled={Boolean(user)} />
              <MainNavLink
                to="/dashboard"
                label="Dashboard"
                icon={<IconLayoutDashboard size={16} />}
                active={location.pathname.startsWith('/dashboard') || location.pathname.startsWith('/plans/')}
              />
              <MainNavLink
                to="/deadlines"
                label="Deadlines"
                icon={<IconAlarm size={16} />}
                active={location.pathname.startsWith('/deadlines')}
              />
              <MainNavLink
                to="/customers"
                label="Customers"
                icon={<IconBuildingSkyscraper size={16} />}
                active={location.pathname.startsWith('/customers')}
              />
              <MainNavLink
                to="/organisation"
                label="Our organisation"
                icon={<IconBuildingCommunity size={16} />}
                active={location.pathname.startsWith('/organisation')}
              />
            </Group>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LiveIndicator status={live} />
            {access?.allowed.reportIncident && (
              <>
                <Button component={Link} to="/incidents/new" leftSection={<IconPlus size={16} />} size="sm" visibleFrom="sm">
                  Report incident
                </Button>
                <ActionIcon component={Link} to="/incidents/new" size="lg" aria-label="Report incident" hiddenFrom="sm">
                  <IconPlus size={18} />
                </ActionIcon>
              </>
            )}
            <ColorSchemeToggle />
            {user && <UserMenu user={user} />}
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main ref={mainRef} tabIndex={-1} style={{ outline: 'none' }}>
        {/* Keyed by the path: a page that failed to render starts over when the user navigates away. */}
        <ErrorBoundary key={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
