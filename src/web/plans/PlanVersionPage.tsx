import { Anchor, Grid, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useParams } from 'react-router';
import type { PlanVersion } from '../../shared/prepare-types.ts';
import { PlanVersionSources } from '../actions/PlanVersionSources.tsx';
import { PageLoadError } from '../core/PageLoadError.tsx';
import { PlanSection } from './PlanSection.tsx';
import { PlanVersionHeader } from './PlanVersionHeader.tsx';
import { usePlanVersion, usePlanVersions } from './plans-api.ts';
import { SnapshotContacts } from './SnapshotContacts.tsx';
import { SnapshotLadders } from './SnapshotLadders.tsx';
import { SnapshotObligations } from './SnapshotObligations.tsx';
import { SnapshotPlaybooks } from './SnapshotPlaybooks.tsx';
import { SnapshotRoster } from './SnapshotRoster.tsx';
import { SnapshotServices } from './SnapshotServices.tsx';

const SECTIONS = [
  { id: 'contacts', label: 'Contacts' },
  { id: 'ladders', label: 'PACE ladders' },
  { id: 'obligations', label: 'Reporting obligations' },
  { id: 'roster', label: 'Roster' },
  { id: 'playbooks', label: 'Playbooks' },
  { id: 'services', label: 'Services and connections' },
];

/** `/plans/:id`: a published plan version, read-only, as it was frozen. */
export function PlanVersionPage() {
  const { id = '' } = useParams();
  const plan = usePlanVersion(id);
  useDocumentTitle(plan.data ? `${plan.data.snapshot.customer.name} plan v${plan.data.version} — Muster` : 'Plan — Muster');

  if (plan.isPending) return <PlanPageSkeleton />;
  if (plan.isError) {
    return (
      <PageLoadError
        query={plan}
        title="Could not load the plan version"
        notFound={{
          title: 'Plan version not found',
          description: 'It does not exist, or it belongs to a customer you are not a member of.',
          backTo: '/dashboard',
          backLabel: 'Dashboard',
        }}
      />
    );
  }
  return <PlanVersionView plan={plan.data} />;
}

function PlanVersionView({ plan }: { plan: PlanVersion }) {
  const versions = usePlanVersions(plan.customerId);
  const s = plan.snapshot;
  const counts: Record<string, number> = {
    contacts: s.contacts.length,
    ladders: s.pacePlans.length,
    obligations: s.obligations.length,
    roster: s.roster?.entries.filter((e) => e.people.length).length ?? 0,
    playbooks: s.playbooks.length,
    services: s.services.length,
  };
  return (
    <Stack gap="md" maw={1280} mx="auto">
      <PlanVersionHeader plan={plan} versions={versions.data ?? [plan]} />
      <PlanVersionSources sources={plan.fromReviews} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 2 }} visibleFrom="lg">
          <Paper component="nav" aria-label="Plan sections" p="xs" style={{ position: 'sticky', top: 76 }}>
            <Stack gap={4}>
              {SECTIONS.map((section) => (
                <Anchor key={section.id} href={`#${section.id}`} size="sm">
                  {section.label}{' '}
                  <Text span c="dimmed" size="xs">
                    ({counts[section.id]})
                  </Text>
                </Anchor>
              ))}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 10 }}>
          <Stack gap="md">
            <PlanSection id="contacts" title="Contacts" count={s.contacts.length} padded={false}>
              <SnapshotContacts contacts={s.contacts} customerId={s.customer.id} />
            </PlanSection>
            <PlanSection id="ladders" title="PACE ladders" count={s.pacePlans.length}>
              <SnapshotLadders pacePlans={s.pacePlans} contacts={s.contacts} customerId={s.customer.id} />
            </PlanSection>
            <PlanSection id="obligations" title="Reporting obligations" count={s.obligations.length}>
              <SnapshotObligations obligations={s.obligations} contacts={s.contacts} />
            </PlanSection>
            <PlanSection id="roster" title="Roster">
              <SnapshotRoster roster={s.roster} contacts={s.contacts} customerId={s.customer.id} />
            </PlanSection>
            <PlanSection id="playbooks" title="Playbooks" count={s.playbooks.length}>
              <SnapshotPlaybooks playbooks={s.playbooks} />
            </PlanSection>
            <PlanSection id="services" title="Services and connections" count={s.services.length}>
              <SnapshotServices services={s.services} />
            </PlanSection>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function PlanPageSkeleton() {
  return (
    <Stack gap="md" maw={1280} mx="auto" aria-busy aria-label="Loading plan version">
      <Skeleton h={14} w={140} />
      <Skeleton h={30} w="50%" />
      <Skeleton h={160} />
      <Skeleton h={300} />
    </Stack>
  );
}
