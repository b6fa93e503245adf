import { Alert, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconAddressBook,
  IconAlertTriangle,
  IconBook,
  IconChecklist,
  IconCircleCheck,
  IconHierarchy,
  IconScale,
  IconServer,
} from '@tabler/icons-react';
import { INCIDENT_ROLES } from '../../shared/incident-vocabulary.ts';
import { PACE_PURPOSE_LABELS, PACE_PURPOSES, type PlanSnapshot } from '../../shared/prepare-types.ts';
import { PaceWarnings } from '../pace/PaceWarnings.tsx';

interface StatProps {
  icon: React.ReactNode;
  label: string;
  value: React.ReactNode;
  detail: string;
  gap?: boolean;
}

function Stat({ icon, label, value, detail, gap }: StatProps) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color={gap ? 'orange' : 'blue'} size="lg" radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.3}>
            {label}
          </Text>
          <Text fw={700} fz="lg" lh={1.2}>
            {value}
          </Text>
          <Text size="xs" c={gap ? 'orange' : 'dimmed'}>
            {detail}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}

/** What publishing would freeze now: counts per section, gaps, and the ladders' warnings. */
export function PlanDraftSummary({ snapshot }: { snapshot: PlanSnapshot }) {
  const customerId = snapshot.customer.id;
  const connections = snapshot.services.reduce((n, s) => n + s.connections.length, 0);
  const ownContacts = snapshot.contacts.filter((c) => c.customerId === customerId).length;
  const roster = snapshot.roster;
  const filledRoles = roster?.entries.filter((e) => e.people.length > 0).length ?? 0;
  const ownLadders = snapshot.pacePlans.filter((p) => p.customerId === customerId).length;
  const missingLadders = PACE_PURPOSES.filter((p) => !snapshot.pacePlans.some((plan) => plan.purpose === p));
  const ownPlaybooks = snapshot.playbooks.filter((p) => p.customerId === customerId).length;
  const withWarnings = snapshot.pacePlans.filter((p) => p.warnings.length > 0);
  const warningCount = withWarnings.reduce((n, p) => n + p.warnings.length, 0);

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <Stat
          icon={<IconServer size={18} />}
          label="Services"
          value={snapshot.services.length}
          detail={`${connections} connection${connections === 1 ? '' : 's'} to other systems`}
          gap={snapshot.services.length === 0}
        />
        <Stat
          icon={<IconAddressBook size={18} />}
          label="Contacts"
          value={snapshot.contacts.length}
          detail={`${ownContacts} of the customer’s, ${snapshot.contacts.length - ownContacts} of ours`}
          gap={ownContacts === 0}
        />
        <Stat
          icon={<IconHierarchy size={18} />}
          label="Roster"
          value={`${filledRoles} of ${INCIDENT_ROLES.length} roles`}
          detail={
            roster ? (roster.customerId === customerId ? 'The customer’s own roster' : 'Our default roster') : 'No roster at all'
          }
          gap={!roster || filledRoles === 0}
        />
        <Stat
          icon={<IconScale size={18} />}
          label="Obligations"
          value={snapshot.obligations.length}
          detail={snapshot.obligations.length ? 'switched on' : 'None switched on: check the Obligations tab'}
          gap={snapshot.obligations.length === 0}
        />
        <Stat
          icon={<IconChecklist size={18} />}
          label="PACE ladders"
          value={`${snapshot.pacePlans.length} of ${PACE_PURPOSES.length}`}
          detail={
            missingLadders.length
              ? `Missing: ${missingLadders.map((p) => PACE_PURPOSE_LABELS[p].toLowerCase()).join(', ')}`
              : `${ownLadders} customer-specific, ${snapshot.pacePlans.length - ownLadders} default`
          }
          gap={missingLadders.length > 0}
        />
        <Stat
          icon={<IconBook size={18} />}
          label="Playbooks"
          value={snapshot.playbooks.length}
          detail={`${ownPlaybooks} adapted for this customer`}
        />
      </SimpleGrid>
      {warningCount === 0 ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} p="xs">
          No warnings on the PACE ladders.
        </Alert>
      ) : (
        <Stack gap="xs">
          <Group gap={6}>
            <IconAlertTriangle size={16} color="var(--mantine-color-orange-6)" aria-hidden />
            <Text size="sm" fw={600}>
              {warningCount === 1 ? '1 PACE warning — fix it' : `${warningCount} PACE warnings — fix them`} on the PACE tab before
              publishing, or publish and track {warningCount === 1 ? 'it' : 'them'}.
            </Text>
          </Group>
          {withWarnings.map((plan) => (
            <PaceWarnings
              key={plan.purpose}
              warnings={plan.warnings}
              title={`${PACE_PURPOSE_LABELS[plan.purpose]}${plan.customerId === null ? ' (default ladder)' : ''}`}
            />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
