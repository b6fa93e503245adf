import {
  Button,
  EmptyState,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconChartBar, IconDownload } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { METRIC_DURATIONS, METRIC_GROUPINGS, type MetricGrouping, type MetricSide } from '../../shared/metrics-types.ts';
import { QueryView } from '../core/QueryView.tsx';
import { ExerciseBadge } from '../incidents/ExerciseBadge.tsx';
import { useCustomerList } from '../plans/plans-api.ts';
import { formatDuration } from './format-duration.ts';
import { MetricsCharts } from './MetricsCharts.tsx';
import { GroupTable, StageTable } from './MetricsTables.tsx';
import { DURATION_WORDS, GROUPING_LABELS } from './metric-words.ts';
import { type MetricsParams, metricsCsvUrl, useIncidentMetrics } from './metrics-api.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A day picked in the user's zone as the instant it starts (next: the day after, for an inclusive "to"). */
function dayStart(day: string | null, next = false): string | undefined {
  if (!day || !DATE.test(day)) return undefined;
  const date = new Date(`${day}T00:00`); // no offset: the browser reads it in the user's zone
  if (next) date.setDate(date.getDate() + 1);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function Summary({ side }: { side: MetricSide }) {
  const c = side.overall.counts;
  const o = side.overall.obligations;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
      <Paper withBorder p="sm">
        <Text size="xs" c="dimmed">
          Incidents
        </Text>
        <Text fw={700} fz="xl">
          {c.incidents}
        </Text>
        <Text size="xs" c="dimmed">
          {c.open} open, {c.closed} closed, {c.dismissed} dismissed
        </Text>
      </Paper>
      {METRIC_DURATIONS.map((d) => {
        const f = side.overall.durations[d];
        return (
          <Paper withBorder p="sm" key={d}>
            <Text size="xs" c="dimmed">
              {DURATION_WORDS[d].label} (median)
            </Text>
            <Text fw={700} fz="xl">
              {formatDuration(f.medianMs)}
            </Text>
            <Text size="xs" c="dimmed">
              p90 {formatDuration(f.p90Ms)} · n {f.n}
            </Text>
          </Paper>
        );
      })}
      <Paper withBorder p="sm">
        <Text size="xs" c="dimmed">
          Obligation stages
        </Text>
        <Text fw={700} fz="xl">
          {o.met + o.metLate} met
        </Text>
        <Text size="xs" c="dimmed">
          {o.metLate} of them late · {o.missed} missed · {o.waived} waived · instructions answered {c.instructionsAnswered} of{' '}
          {c.instructionsRequested}
        </Text>
      </Paper>
    </SimpleGrid>
  );
}

/** `/metrics/incidents`: per customer and over time, are we getting faster and meeting our obligations? */
export function MetricsPage() {
  useDocumentTitle('Response metrics — Muster');
  const [params, setParams] = useSearchParams();
  const customers = useCustomerList();
  const groupParam = params.get('groupBy');
  const groupBy: MetricGrouping = METRIC_GROUPINGS.includes(groupParam as MetricGrouping)
    ? (groupParam as MetricGrouping)
    : 'month';
  const fromDay = params.get('from') ?? '';
  const toDay = params.get('to') ?? '';
  const customerId = params.get('customerId') ?? '';
  const request: MetricsParams = {
    groupBy,
    from: dayStart(fromDay),
    to: dayStart(toDay, true),
    customerId: customerId || undefined,
  };
  const query = useIncidentMetrics(request);
  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const backwards = Boolean(request.from && request.to && request.from > request.to);

  return (
    <Stack gap="lg" maw={1280} mx="auto">
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="xs">
            <Title order={1} fz="h2">
              Response metrics
            </Title>
            {query.isFetching && !query.isPending && <Loader size="xs" aria-label="Refreshing" />}
          </Group>
          <Text c="dimmed" size="sm">
            How fast we detect, decide, report, contain and resolve, and whether reporting obligations were met — worked out from
            the incidents' timelines. Exercises are shown apart and never counted with real incidents.
          </Text>
        </div>
        <Button component="a" href={metricsCsvUrl(request)} variant="default" leftSection={<IconDownload size={16} />}>
          Export CSV
        </Button>
      </Group>

      <Group align="flex-end" gap="md" wrap="wrap">
        <Select
          label="Customer"
          placeholder="All customers"
          clearable
          searchable
          w={240}
          value={customerId || null}
          onChange={(value) => set('customerId', value)}
          data={(customers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <TextInput
          label="Reported from"
          type="date"
          value={fromDay}
          onChange={(e) => set('from', e.currentTarget.value)}
          error={backwards ? 'After "to"' : undefined}
        />
        <TextInput label="Reported to (inclusive)" type="date" value={toDay} onChange={(e) => set('to', e.currentTarget.value)} />
        <div>
          <Text size="sm" fw={500} mb={4}>
            Group by
          </Text>
          <SegmentedControl
            aria-label="Group by"
            value={groupBy}
            onChange={(value) => set('groupBy', value === 'month' ? null : value)}
            data={METRIC_GROUPINGS.map((g) => ({ value: g, label: GROUPING_LABELS[g] }))}
          />
        </div>
      </Group>

      <QueryView
        query={query}
        loading={
          <Stack gap="xs" aria-busy aria-label="Loading the metrics">
            <Skeleton h={90} />
            <Skeleton h={260} />
            <Skeleton h={160} />
          </Stack>
        }
        errorTitle="Could not load the metrics"
        isEmpty={(m) => m.real.overall.counts.incidents + m.exercises.overall.counts.incidents === 0}
        empty={
          <EmptyState
            py="xl"
            icon={<IconChartBar size={30} />}
            withIndicatorBackground
            title="No incidents to measure"
            description={
              fromDay || toDay || customerId
                ? 'No incident you can read was reported for these filters. Widen the dates or choose another customer.'
                : 'Once incidents are reported and worked, their times to acknowledge, classify, report, contain and resolve show up here.'
            }
          />
        }
      >
        {(m) => (
          <Stack gap="lg">
            <Stack gap="sm">
              <Title order={2} fz="h4">
                Real incidents
              </Title>
              {m.real.overall.counts.incidents === 0 ? (
                <Text c="dimmed" size="sm">
                  No real incident for these filters — only exercises, below.
                </Text>
              ) : (
                <>
                  <Summary side={m.real} />
                  <MetricsCharts side={m.real} byMonth={m.groupBy === 'month'} />
                  <GroupTable groups={m.real.groups} groupBy={m.groupBy} label="Real incidents per group" />
                  <Title order={3} fz="h5">
                    Obligation stages
                  </Title>
                  <StageTable figures={m.real.overall} label="Obligation stages of real incidents" />
                </>
              )}
            </Stack>
            {m.exercises.overall.counts.incidents > 0 && (
              <Paper withBorder p="md" bg="var(--mantine-color-grape-light)">
                <Stack gap="sm">
                  <Group gap="xs">
                    <Title order={2} fz="h4">
                      Exercises
                    </Title>
                    <ExerciseBadge />
                  </Group>
                  <Text size="sm" c="dimmed">
                    Practice incidents, measured the same way and never counted with the real ones.
                  </Text>
                  <Summary side={m.exercises} />
                  <GroupTable groups={m.exercises.groups} groupBy={m.groupBy} label="Exercises per group" />
                  <StageTable figures={m.exercises.overall} label="Obligation stages of exercises" />
                </Stack>
              </Paper>
            )}
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}
