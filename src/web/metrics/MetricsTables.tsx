import { Table, Text, Tooltip } from '@mantine/core';
import { METRIC_DURATIONS, type MetricFigures, type MetricGroup, type MetricGrouping } from '../../shared/metrics-types.ts';
import { formatDuration } from './format-duration.ts';
import { DURATION_WORDS, GROUPING_LABELS } from './metric-words.ts';

/** Median (p90) and how many were measured, for one duration. */
function DurationCell({ figure }: { figure: MetricFigures['durations'][keyof MetricFigures['durations']] }) {
  if (figure.n === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Tooltip label={`median ${formatDuration(figure.medianMs)}, p90 ${formatDuration(figure.p90Ms)}, n = ${figure.n}`}>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {formatDuration(figure.medianMs)}{' '}
        <Text span size="xs" c="dimmed">
          (p90 {formatDuration(figure.p90Ms)}, n {figure.n})
        </Text>
      </Text>
    </Tooltip>
  );
}

function compliance(f: MetricFigures) {
  const o = f.obligations;
  return o.met + o.metLate + o.missed + o.waived === 0 ? '—' : `${o.met} / ${o.metLate} / ${o.missed} / ${o.waived}`;
}

/** One row per group: counts, each duration's median (p90, n), and obligation outcomes. */
export function GroupTable({ groups, groupBy, label }: { groups: MetricGroup[]; groupBy: MetricGrouping; label: string }) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{GROUPING_LABELS[groupBy]}</Table.Th>
            <Table.Th>Incidents</Table.Th>
            {METRIC_DURATIONS.map((d) => (
              <Table.Th key={d}>
                <Tooltip label={DURATION_WORDS[d].span}>
                  <span>{DURATION_WORDS[d].label}</span>
                </Tooltip>
              </Table.Th>
            ))}
            <Table.Th>
              <Tooltip label="Obligation stages met / met late / missed / waived">
                <span>Obligations</span>
              </Tooltip>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((g) => (
            <Table.Tr key={g.key ?? '—'}>
              <Table.Td>{g.label}</Table.Td>
              <Table.Td>
                {g.counts.incidents}
                {g.counts.dismissed > 0 && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({g.counts.dismissed} dismissed)
                  </Text>
                )}
              </Table.Td>
              {METRIC_DURATIONS.map((d) => (
                <Table.Td key={d}>
                  <DurationCell figure={g.durations[d]} />
                </Table.Td>
              ))}
              <Table.Td>{compliance(g)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Each obligation stage's outcomes. */
export function StageTable({ figures, label }: { figures: MetricFigures; label: string }) {
  if (figures.stages.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No obligation stage has an outcome yet: a stage counts once it is submitted, waived or its deadline is missed.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Obligation stage</Table.Th>
            <Table.Th>Met</Table.Th>
            <Table.Th>Met late</Table.Th>
            <Table.Th>Missed</Table.Th>
            <Table.Th>Waived</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {figures.stages.map((s) => (
            <Table.Tr key={`${s.obligationId}/${s.stageId}`}>
              <Table.Td>
                {s.obligationId} — {s.stageId}
              </Table.Td>
              <Table.Td>{s.met}</Table.Td>
              <Table.Td>{s.metLate}</Table.Td>
              <Table.Td c={s.missed ? 'red' : undefined}>{s.missed}</Table.Td>
              <Table.Td>{s.waived}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
