import { NavLink, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

interface MainNavLinkProps {
  to: string;
  label: string;
  icon: ReactNode;
  active: boolean;
  /** Always show the label (the phone menu has the room); otherwise only where the header has it. */
  withLabel?: boolean;
}

/**
 * Whether the header's links show their labels: only where the labels, the live indicator (also "Reconnecting") and
 * "Report incident" fit on one line; below that, icons with their names as tooltips. (Mantine's lg, 1200 px, is too
 * early: between it and about 1330 px the labels wrapped and "Report incident" was cut; with admins' "Users" link and
 * "My tasks" the labels need about 1560 px.)
 */
export function useNavLabels(): boolean {
  return useMediaQuery('(min-width: 98em)', true, { getInitialValueInEffect: false });
}

/** A link of the header's main navigation: icon and label, the label hidden on medium screens (the name stays). */
export function MainNavLink({ to, label, icon, active, withLabel }: MainNavLinkProps) {
  const labels = useNavLabels() || withLabel;
  return (
    <NavLink
      component={Link}
      to={to}
      aria-label={label}
      title={label}
      label={
        labels ? (
          <Text span inherit style={{ whiteSpace: 'nowrap' }}>
            {label}
          </Text>
        ) : undefined
      }
      leftSection={icon}
      active={active}
      w={withLabel ? undefined : 'auto'}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );
}
