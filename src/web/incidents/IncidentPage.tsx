import { Grid, Group, Paper, Skeleton, Stack, Title } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { useParams } from 'react-router';
import type { Incident } from '../../shared/api-types.ts';
import { ActionsCard } from '../actions/ActionsCard.tsx';
import { useMe } from '../auth/auth-api.ts';
import { ConnectionChecksPanel } from '../connection-checks/ConnectionChecksPanel.tsx';
import { Markdown } from '../core/Markdown.tsx';
import { PageLoadError } from '../core/PageLoadError.tsx';
import { EffectsPanel } from '../effects/EffectsPanel.tsx';
import { IncidentEvidencePanel } from '../evidence/IncidentEvidencePanel.tsx';
import { NotificationPanel } from '../notifications/NotificationPanel.tsx';
import { ObservablesPanel } from '../observables/ObservablesPanel.tsx';
import { IncidentPlanPanel } from '../plans/IncidentPlanPanel.tsx';
import { PreservationPanel } from '../preservation/PreservationPanel.tsx';
import { ReviewPanel } from '../reviews/ReviewPanel.tsx';
import { RolesCard } from '../roles/RolesCard.tsx';
import { TasksPanel } from '../tasks/TasksPanel.tsx';
import { IncidentAlertsPanel } from '../triage/IncidentAlertsPanel.tsx';
import { BreakGlassButton } from './BreakGlassButton.tsx';
import { ExerciseBanner } from './ExerciseBanner.tsx';
import { IncidentAccessPanel } from './IncidentAccessPanel.tsx';
import { IncidentDetails } from './IncidentDetails.tsx';
import { IncidentHeader } from './IncidentHeader.tsx';
import { IncidentTimeline } from './IncidentTimeline.tsx';
import { IntegrityBadge } from './IntegrityBadge.tsx';
import { useIncident, useIncidentActions } from './incidents-api.ts';
import { NextStepsPanel } from './NextStepsPanel.tsx';
import { NoteComposer } from './NoteComposer.tsx';
import { StageStepper } from './StageStepper.tsx';

export function IncidentPage() {
  const { key = '' } = useParams();
  const query = useIncident(key);
  const { data: user } = useMe();
  useDocumentTitle(query.data ? `${query.data.key} · ${query.data.title} — Muster` : `${key} — Muster`);

  if (query.isPending) return <IncidentPageSkeleton />;
  if (query.isError) {
    // The server answers the same 404 for each reason, so that nobody learns what they may not see exists.
    const reasons =
      user?.role === 'admin'
        ? 'no incident has this key, or it is marked TLP:RED and you are not on its access list'
        : 'no incident has this key, you are not a member of its customer, or it is marked TLP:RED and you are not on its access list';
    return (
      <PageLoadError
        query={query}
        title={`Could not load ${key}`}
        notFound={{
          title: `${key} not found`,
          description: `Either ${reasons}.`,
          backTo: '/',
          backLabel: 'All incidents',
          action: <BreakGlassButton idOrKey={key} />,
        }}
      />
    );
  }
  return <IncidentView incident={query.data} />;
}

function IncidentView({ incident }: { incident: Incident }) {
  const actions = useIncidentActions(incident);
  const canAct = incident.allowed.change;
  // On narrow screens the next steps come first: they are what a responder opens the page for.
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const nextSteps = <NextStepsPanel incident={incident} actions={actions} canAct={canAct} />;

  return (
    <Stack gap="md" maw={1280} mx="auto" data-incident-id={incident.id}>
      {incident.exercise && <ExerciseBanner />}
      <IncidentHeader incident={incident} />
      <StageStepper status={incident.status} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {!wide && nextSteps}
            {!wide && <IncidentPlanPanel incident={incident} />}
            {incident.description.trim() && (
              <Paper withBorder radius="md" p="md" component="section" aria-labelledby="description-title">
                <Title order={2} fz="h4" mb="xs" id="description-title">
                  Description
                </Title>
                <Markdown>{incident.description}</Markdown>
              </Paper>
            )}
            <ReviewPanel incident={incident} />
            <TasksPanel incident={incident} />
            <ActionsCard incident={incident} />
            <IncidentAlertsPanel incident={incident} />
            <EffectsPanel incident={incident} />
            <NotificationPanel incident={incident} />
            <ConnectionChecksPanel incident={incident} />
            <PreservationPanel incident={incident} />
            <IncidentEvidencePanel incident={incident} />
            <ObservablesPanel incident={incident} />
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="timeline-title">
              <Group justify="space-between" mb="md">
                <Title order={2} fz="h4" id="timeline-title">
                  Timeline
                </Title>
                <IntegrityBadge incidentId={incident.id} />
              </Group>
              <IncidentTimeline incidentId={incident.id} version={incident.version} />
              {canAct && (
                <Paper mt="lg" pt="md" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }} radius={0}>
                  <NoteComposer action={actions.addNote} />
                </Paper>
              )}
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            {wide && nextSteps}
            {wide && <IncidentPlanPanel incident={incident} />}
            <RolesCard incident={incident} canAct={canAct} />
            <IncidentDetails incident={incident} action={actions.update} canAct={canAct} />
            <IncidentAccessPanel incident={incident} canAct={canAct} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function IncidentPageSkeleton() {
  return (
    <Stack gap="md" maw={1280} mx="auto" aria-busy aria-label="Loading incident">
      <Skeleton h={14} w={120} />
      <Skeleton h={30} w="55%" />
      <Group gap="sm">
        <Skeleton h={26} w={100} radius="xl" />
        <Skeleton h={26} w={90} radius="xl" />
        <Skeleton h={26} w={110} />
      </Group>
      <Skeleton h={90} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Skeleton h={320} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Skeleton h={320} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
