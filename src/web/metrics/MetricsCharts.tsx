import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { METRIC_DURATIONS, type MetricDuration, type MetricSide } from '../../shared/metrics-types.ts';
import { formatDuration } from './format-duration.ts';
import { DURATION_WORDS, HOUR } from './metric-words.ts';

const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR) * 100) / 100);
const inWords = (value: number) => formatDuration(value * HOUR);

/** Medians per group of one chosen duration as bars, and, grouped by month, the main medians as lines over time. */
export function MetricsCharts({ side, byMonth }: { side: MetricSide; byMonth: boolean }) {
  const [duration, setDuration] = useState<MetricDuration>('dp1');
  const bars = side.groups.map((g) => ({
    group: g.label,
    median: hours(g.durations[duration].medianMs),
    p90: hours(g.durations[duration].p90Ms),
  }));
  const lines = side.groups.map((g) => ({
    month: g.label,
    dp1: hours(g.durations.dp1.medianMs),
    classify: hours(g.durations.classify.medianMs),
    firstReport: hours(g.durations.firstReport.medianMs),
    contain: hours(g.durations.contain.medianMs),
  }));
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={3} fz="h5">
            {DURATION_WORDS[duration].label}: median and p90 per group
          </Title>
          <Select
            aria-label="Duration shown"
            size="xs"
            w={260}
            allowDeselect={false}
            value={duration}
            onChange={(value) => value && setDuration(value as MetricDuration)}
            data={METRIC_DURATIONS.map((d) => ({ value: d, label: DURATION_WORDS[d].label }))}
          />
        </Group>
        <BarChart
          h={260}
          data={bars}
          dataKey="group"
          valueFormatter={inWords}
          withLegend
          series={[
            { name: 'median', label: 'Median (h)', color: 'blue.6' },
            { name: 'p90', label: 'p90 (h)', color: 'blue.2' },
          ]}
        />
        <Text size="xs" c="dimmed" mt="xs">
          {DURATION_WORDS[duration].span}. Groups without a measurement show no bar.
        </Text>
      </Paper>
      {byMonth && (
        <Paper withBorder p="md">
          <Title order={3} fz="h5" mb="sm">
            Monthly medians: are we getting faster?
          </Title>
          <LineChart
            h={260}
            data={lines}
            dataKey="month"
            valueFormatter={inWords}
            withLegend
            connectNulls
            series={[
              { name: 'dp1', label: DURATION_WORDS.dp1.label, color: 'blue.6' },
              { name: 'classify', label: DURATION_WORDS.classify.label, color: 'teal.6' },
              { name: 'firstReport', label: DURATION_WORDS.firstReport.label, color: 'orange.6' },
              { name: 'contain', label: DURATION_WORDS.contain.label, color: 'red.6' },
            ]}
          />
        </Paper>
      )}
    </Stack>
  );
}
