import { Badge, EmptyState, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconFileCertificate } from '@tabler/icons-react';
import { useMe } from '../auth/auth-api.ts';
import { ErrorState } from '../core/ErrorState.tsx';
import { useScopeAllowed } from '../customers/customers-api.ts';
import { KitTimeZoneNote } from './KitTimeZoneNote.tsx';
import { PlanDraftSummary } from './PlanDraftSummary.tsx';
import { PlanVersionsTable } from './PlanVersionsTable.tsx';
import { PublishPlanForm } from './PublishPlanForm.tsx';
import { usePlanDraft, usePlanDraftChanges, usePlanVersions } from './plans-api.ts';

/** A customer's contingency plan: the draft as it stands, publishing a version, and the published versions. */
export function PlansTab({ customerId }: { customerId: string }) {
  const draft = usePlanDraft(customerId);
  const versions = usePlanVersions(customerId);
  const changes = usePlanDraftChanges(customerId);
  const allowed = useScopeAllowed(customerId);
  const { data: me } = useMe();
  const latest = versions.data?.[0];

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="plan-draft-title">
        <Group justify="space-between" mb="xs">
          <Title order={3} fz="h4" id="plan-draft-title">
            Current draft
          </Title>
          <Badge variant="light" color="gray">
            Not published
          </Badge>
        </Group>
        <Text size="sm" c="dimmed" mb="md">
          What publishing would freeze now: the customer’s services and connections, contacts (theirs and ours), roster,
          switched-on obligations, a PACE ladder per purpose and the playbooks in force.
        </Text>
        {draft.isPending && (
          <Stack gap="sm" aria-busy aria-label="Loading the draft">
            <Skeleton h={150} />
          </Stack>
        )}
        {draft.isError && (
          <ErrorState
            title="Could not load the draft"
            error={draft.error}
            onRetry={() => draft.refetch()}
            retrying={draft.isFetching}
          />
        )}
        {draft.data && <PlanDraftSummary snapshot={draft.data} />}
        {allowed.publish && (
          <Paper mt="lg" pt="md" radius={0} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
            <Title order={4} fz="md" mb="sm">
              Publish plan version
            </Title>
            {versions.isSuccess && changes.isSuccess && (
              <PublishPlanForm customerId={customerId} me={me?.name ?? ''} latest={latest} changes={changes.data} />
            )}
            {changes.isError && (
              <ErrorState
                title="Could not compare the draft with the plan in force"
                error={changes.error}
                onRetry={() => changes.refetch()}
                retrying={changes.isFetching}
              />
            )}
          </Paper>
        )}
        {!allowed.publish && !allowed.loading && (
          <Text size="sm" c="dimmed" mt="md">
            A manager of this customer publishes the plan.
          </Text>
        )}
      </Paper>

      <Paper
        withBorder
        radius="md"
        p={versions.data?.length ? 0 : 'md'}
        component="section"
        aria-labelledby="plan-versions-title"
      >
        <Group p={versions.data?.length ? 'md' : 0} pb={versions.data?.length ? 0 : undefined} mb="xs">
          <Title order={3} fz="h4" id="plan-versions-title">
            Published versions
          </Title>
        </Group>
        {versions.isPending && (
          <Stack gap="xs" aria-busy aria-label="Loading plan versions" p="md">
            <Skeleton h={40} />
            <Skeleton h={40} />
          </Stack>
        )}
        {versions.isError && (
          <ErrorState
            title="Could not load the plan versions"
            error={versions.error}
            onRetry={() => versions.refetch()}
            retrying={versions.isFetching}
          />
        )}
        {versions.data?.length === 0 && (
          <EmptyState
            size="sm"
            icon={<IconFileCertificate size={26} />}
            withIndicatorBackground
            title="No published plan yet"
            description={
              allowed.publish
                ? 'Check the draft above, then publish the first version: incidents of this customer then work from it, and its offline kit can be printed for the binder.'
                : 'Until a manager publishes one, incidents of this customer work from the unpublished draft.'
            }
          />
        )}
        {versions.data && versions.data.length > 0 && (
          <>
            <Group px="md">
              <KitTimeZoneNote customerId={customerId} />
            </Group>
            <PlanVersionsTable versions={versions.data} />
          </>
        )}
      </Paper>
    </Stack>
  );
}
