import { Button, EmptyState, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconFilterOff, IconPlus, IconShieldCheck, IconUserQuestion } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ErrorState } from '../core/ErrorState.tsx';
import { useAccess } from '../customers/customers-api.ts';
import { IncidentFilterBar } from './IncidentFilterBar.tsx';
import { IncidentPager } from './IncidentPager.tsx';
import { IncidentTable, IncidentTableSkeleton } from './IncidentTable.tsx';
import { useIncidentList } from './incidents-api.ts';
import { PhoneSortSelect } from './PhoneSortSelect.tsx';
import { NO_FILTERS, useIncidentFilters } from './use-incident-filters.ts';

export function IncidentListPage() {
  useDocumentTitle('Incidents — Muster');
  const [filters, setFilters, filtersActive] = useIncidentFilters();
  const list = useIncidentList(filters);
  const { data: access } = useAccess();
  const canReport = access?.allowed.reportIncident ?? false;
  // Not an admin and in no customer: an empty list says nothing about incidents, only about access.
  const memberOfNone = access !== undefined && access.user.role !== 'admin' && Object.keys(access.memberships).length === 0;
  const incidents = list.data?.items ?? [];
  const onPage = (cursor: string | null) => {
    setFilters({ cursor });
    window.scrollTo({ top: 0 });
  };

  let body: React.ReactNode;
  if (list.isPending) {
    body = <IncidentTableSkeleton />;
  } else if (list.isError && incidents.length === 0) {
    body = (
      <ErrorState
        title="Could not load incidents"
        error={list.error}
        onRetry={() => list.refetch()}
        retrying={list.isRefetching}
      />
    );
  } else if (incidents.length === 0 && filtersActive) {
    body = (
      <EmptyState
        py="xl"
        icon={<IconFilterOff size={30} />}
        withIndicatorBackground
        title="No incidents match these filters"
        description={
          filters.mine
            ? 'You hold a role or an open task on none of the incidents that match. Turn off “Mine” to see everyone’s.'
            : 'Try another search, or widen the status and severity filters.'
        }
      >
        <EmptyState.Actions>
          <Button variant="default" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  } else if (incidents.length === 0 && memberOfNone) {
    body = (
      <EmptyState
        py="xl"
        variant="light"
        icon={<IconUserQuestion size={32} />}
        title="You are not a member of any customer yet — ask an admin"
        description="Incidents, plans and contacts are shared per customer. Once an admin (or a customer’s manager) adds you to a customer, its incidents show up here."
      />
    );
  } else if (incidents.length === 0) {
    body = (
      <EmptyState
        py="xl"
        variant="light"
        icon={<IconShieldCheck size={32} />}
        title="No incidents yet"
        description="When something might affect the confidentiality, integrity or availability of information or a service, report it here — even if you are not sure yet. Reporting early is always right; assessment decides whether it is an incident."
      >
        {canReport && (
          <EmptyState.Actions>
            <Button component={Link} to="/incidents/new" leftSection={<IconPlus size={16} />}>
              Report the first incident
            </Button>
          </EmptyState.Actions>
        )}
      </EmptyState>
    );
  } else {
    body = (
      <>
        <PhoneSortSelect sort={filters.sort} order={filters.order} onSort={(sort, order) => setFilters({ sort, order })} />
        <IncidentTable
          incidents={incidents}
          sorting={{ sort: filters.sort, order: filters.order, onSort: (sort, order) => setFilters({ sort, order }) }}
        />
        {list.data && (
          <IncidentPager page={list.data} paged={filters.cursor !== null} onPage={onPage} busy={list.isPlaceholderData} />
        )}
      </>
    );
  }

  return (
    <Stack gap="lg" maw={1280} mx="auto">
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="xs">
            <Title order={1} fz="h2">
              Incidents
            </Title>
            {list.isFetching && !list.isPending && <Loader size="xs" aria-label="Refreshing" />}
          </Group>
          <Text c="dimmed" size="sm">
            Everything reported that you may see. Sort by a column’s header; changes by others appear live.
          </Text>
        </div>
      </Group>
      <IncidentFilterBar filters={filters} onChange={setFilters} active={filtersActive} />
      <Paper withBorder radius="md" p={incidents.length > 0 || list.isPending ? 0 : 'md'}>
        {body}
      </Paper>
    </Stack>
  );
}
