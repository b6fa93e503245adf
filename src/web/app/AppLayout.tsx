import { ActionIcon, AppShell, Burger, Button, Center, Group, Loader, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconShieldHalfFilled } from '@tabler/icons-react';
import { Suspense, useEffect, useRef } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useMe } from '../auth/auth-api.ts';
import { ErrorBoundary } from '../core/ErrorBoundary.tsx';
import { focusSoon } from '../core/focus-soon.ts';
import { useAccess } from '../customers/customers-api.ts';
import { ColorSchemeToggle } from './ColorSchemeToggle.tsx';
import { LiveIndicator } from './LiveIndicator.tsx';
import { MainNavLinks } from './MainNav.tsx';
import { UserMenu } from './UserMenu.tsx';
import { useLiveUpdates } from './use-live-updates.ts';

/**
 * The signed-in shell: header with navigation, live status, theme toggle and account menu. Below Mantine's `sm`
 * (768 px) the navigation moves behind a menu button and opens as a panel under the header; following a link,
 * or Escape, closes it.
 */
export function AppLayout() {
  const { data: user } = useMe();
  const { data: access } = useAccess();
  const live = useLiveUpdates();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const [menuOpen, menu] = useDisclosure(false);
  const burgerRef = useRef<HTMLButtonElement>(null);

  // After client-side navigation, move focus to the new page so keyboard and screen reader users start there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose for each new path
  useEffect(() => {
    menu.close();
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [location.pathname]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 280, breakpoint: 'sm', collapsed: { mobile: !menuOpen, desktop: true } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Burger
              ref={burgerRef}
              opened={menuOpen}
              onClick={(event) => {
                menu.toggle();
                // Opened from the keyboard (a click without a pointer): start on the first link of the menu.
                if (!menuOpen && event.detail === 0) focusSoon(() => document.querySelector<HTMLElement>('#main-menu a'));
              }}
              hiddenFrom="sm"
              size="sm"
              aria-label={menuOpen ? 'Close the menu' : 'Open the menu'}
              aria-expanded={menuOpen}
              aria-controls="main-menu"
            />
            <UnstyledButton component={Link} to="/" aria-label="Muster home">
              <Group gap={8} wrap="nowrap">
                <IconShieldHalfFilled size={26} color="var(--mantine-primary-color-filled)" aria-hidden />
                <Text fw={750} fz="lg" lts={-0.3}>
                  Muster
                </Text>
              </Group>
            </UnstyledButton>
            <Group gap={4} component="nav" aria-label="Main" visibleFrom="sm" wrap="nowrap">
              <MainNavLinks signedIn={Boolean(user)} isAdmin={user?.role === 'admin'} />
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
      {/* Rendered only while open: closed, its links would be in the tab order though out of sight. */}
      {menuOpen && (
        <AppShell.Navbar
          id="main-menu"
          p="sm"
          hiddenFrom="sm"
          onClick={(event) => {
            if ((event.target as HTMLElement).closest('a')) menu.close();
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            menu.close();
            burgerRef.current?.focus();
          }}
        >
          <Stack gap={4} component="nav" aria-label="Menu">
            <MainNavLinks signedIn={Boolean(user)} isAdmin={user?.role === 'admin'} withLabels />
          </Stack>
        </AppShell.Navbar>
      )}
      <AppShell.Main ref={mainRef} tabIndex={-1} style={{ outline: 'none' }}>
        {/* Keyed by the path: a page that failed to render starts over when the user navigates away. */}
        <ErrorBoundary key={location.pathname}>
          <Suspense
            fallback={
              <Center py="xl">
                <Loader aria-label="Loading the page" />
              </Center>
            }
          >
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
