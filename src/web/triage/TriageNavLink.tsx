import { Indicator, NavLink, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useNavLabels } from '../app/MainNavLink.tsx';
import { useWaitingCount } from './triage-api.ts';

/** "Triage" in the main navigation, with how many items wait (on the icon, so it shows on every screen width). */
export function TriageNavLink({ active, enabled, withLabel }: { active: boolean; enabled: boolean; withLabel?: boolean }) {
  const waiting = useWaitingCount(enabled);
  const labels = useNavLabels() || withLabel;
  const label = waiting ? `Triage, ${waiting} waiting` : 'Triage';
  return (
    <NavLink
      component={Link}
      to="/triage"
      aria-label={label}
      title={label}
      label={
        labels ? (
          <Text span inherit style={{ whiteSpace: 'nowrap' }}>
            Triage
          </Text>
        ) : undefined
      }
      leftSection={
        <Indicator
          label={waiting && waiting > 99 ? '99+' : waiting}
          disabled={!waiting}
          size={16}
          offset={2}
          color="red"
          data-waiting={waiting ?? 0}
        >
          <IconInbox size={16} />
        </Indicator>
      }
      active={active}
      w={withLabel ? undefined : 'auto'}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );
}
