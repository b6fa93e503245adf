import {
  IconAlarm,
  IconBuildingCommunity,
  IconBuildingSkyscraper,
  IconBulb,
  IconChartBar,
  IconChecklist,
  IconLayoutDashboard,
  IconList,
  IconUsers,
} from '@tabler/icons-react';
import { useLocation } from 'react-router';
import { TriageNavLink } from '../triage/TriageNavLink.tsx';
import { MainNavLink } from './MainNavLink.tsx';

/**
 * The main navigation's links, one list for both places it shows: the header on wide screens (labels only where
 * they fit) and the menu behind the burger on phones (always with labels).
 */
export function MainNavLinks({ signedIn, isAdmin, withLabels }: { signedIn: boolean; isAdmin?: boolean; withLabels?: boolean }) {
  const { pathname } = useLocation();
  const onIncidents = pathname === '/' || (pathname.startsWith('/incidents/') && pathname !== '/incidents/new');
  return (
    <>
      <MainNavLink to="/" label="Incidents" icon={<IconList size={16} />} active={onIncidents} withLabel={withLabels} />
      <TriageNavLink active={pathname.startsWith('/triage')} enabled={signedIn} withLabel={withLabels} />
      <MainNavLink
        to="/dashboard"
        label="Dashboard"
        icon={<IconLayoutDashboard size={16} />}
        active={pathname.startsWith('/dashboard') || pathname.startsWith('/plans/')}
        withLabel={withLabels}
      />
      <MainNavLink
        to="/tasks"
        label="My tasks"
        icon={<IconChecklist size={16} />}
        active={pathname.startsWith('/tasks')}
        withLabel={withLabels}
      />
      <MainNavLink
        to="/actions"
        label="My actions"
        icon={<IconBulb size={16} />}
        active={pathname.startsWith('/actions')}
        withLabel={withLabels}
      />
      <MainNavLink
        to="/deadlines"
        label="Deadlines"
        icon={<IconAlarm size={16} />}
        active={pathname.startsWith('/deadlines')}
        withLabel={withLabels}
      />
      <MainNavLink
        to="/metrics/incidents"
        label="Metrics"
        icon={<IconChartBar size={16} />}
        active={pathname.startsWith('/metrics')}
        withLabel={withLabels}
      />
      <MainNavLink
        to="/customers"
        label="Customers"
        icon={<IconBuildingSkyscraper size={16} />}
        active={pathname.startsWith('/customers')}
        withLabel={withLabels}
      />
      <MainNavLink
        to="/organisation"
        label="Our organisation"
        icon={<IconBuildingCommunity size={16} />}
        active={pathname.startsWith('/organisation')}
        withLabel={withLabels}
      />
      {isAdmin && (
        <MainNavLink
          to="/users"
          label="Users"
          icon={<IconUsers size={16} />}
          active={pathname.startsWith('/users')}
          withLabel={withLabels}
        />
      )}
    </>
  );
}
