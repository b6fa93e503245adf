import { NavLink, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

interface MainNavLinkProps {
  to: string;
  label: string;
  icon: ReactNode;
  active: boolean;
}

/** A link of the header's main navigation: icon and label, the label hidden on medium screens (the name stays). */
export function MainNavLink({ to, label, icon, active }: MainNavLinkProps) {
  return (
    <NavLink
      component={Link}
      to={to}
      aria-label={label}
      title={label}
      label={
        <Text span inherit visibleFrom="lg">
          {label}
        </Text>
      }
      leftSection={icon}
      active={active}
      w="auto"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );
}
