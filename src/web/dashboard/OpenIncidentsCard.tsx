import { Anchor, Badge, EmptyState, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { DashboardPart } from '../../shared/dashboard-types.ts';
import { SEVERITIES, type Severity } from '../../shared/incident-vocabulary.ts';
import { ErrorState } from '../core/ErrorState.tsx';
import { ExerciseBadge } from '../incidents/ExerciseBadge.tsx';
import { SEVERITY_COLORS, SEVERITY_LABELS, STATUS_LABELS } from '../incidents/incident-labels.ts';
import { incidentListLink, OPEN_STAGES } from './incident-links.ts';

// Most severe first; incidents not yet assessed last (their severity is still to be found).
const ROWS: (Severity | null)[] = [...[...SEVERITIES].reverse(), null];

interface GridProps {
  open: DashboardPart['open'];
  exercise: boolean;
  label: string;
}

/** Severity × stage: each count a link to the incident list filtered to it, its shade by how many there are. */
function SeverityStageGrid({ open, exercise, label }: GridProps) {
  const count = (severity: Severity | null, stage: string) =>
    open.cells.find((c) => c.severity === severity && c.stage === stage)?.count ?? 0;
  const rowTotal = (severity: Severity | null) =>
    open.cells.filter((c) => c.severity === severity).reduce((sum, c) => sum + c.count, 0);
  const stageTotal = (stage: string) => open.cells.filter((c) => c.stage === stage).reduce((sum, c) => sum + c.count, 0);
  const most = Math.max(1, ...open.cells.map((c) => c.count));
  // The real grid keeps every severity (an empty row is news too); the exercises' lists only those they have.
  const rows = ROWS.filter((s) => rowTotal(s) > 0 || (!exercise && s !== null));
  const severityName = (s: Severity | null) => (s ? SEVERITY_LABELS[s] : 'Not assessed');

  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={label} withColumnBorders={false} verticalSpacing={6} ta="center" data-exercise={exercise || undefined}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" ta="left">
              Severity
            </Table.Th>
            {OPEN_STAGES.map((stage) => (
              <Table.Th key={stage} scope="col" ta="center">
                {STATUS_LABELS[stage]}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="center">
              Total
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((severity) => {
            const color = severity ? SEVERITY_COLORS[severity] : 'gray';
            return (
              <Table.Tr key={severity ?? 'none'}>
                <Table.Th scope="row" ta="left" fw={600}>
                  <Group gap={6} wrap="nowrap">
                    <span
                      aria-hidden
                      style={{ width: 10, height: 10, borderRadius: 3, background: `var(--mantine-color-${color}-6)` }}
                    />
                    {severityName(severity)}
                  </Group>
                </Table.Th>
                {OPEN_STAGES.map((stage) => {
                  const n = count(severity, stage);
                  const shade = n ? 12 + Math.round((n / most) * 48) : 0;
                  return (
                    <Table.Td
                      key={stage}
                      p={0}
                      style={{
                        background: n ? `color-mix(in srgb, var(--mantine-color-${color}-6) ${shade}%, transparent)` : undefined,
                      }}
                    >
                      {n ? (
                        <Anchor
                          component={Link}
                          to={incidentListLink({ stages: [stage], severity, exercise })}
                          display="block"
                          py={6}
                          fw={700}
                          c="var(--mantine-color-text)"
                          aria-label={`${n} ${severityName(severity).toLowerCase()} ${exercise ? 'exercise ' : ''}incident${n === 1 ? '' : 's'} ${STATUS_LABELS[stage].toLowerCase()}`}
                        >
                          {n}
                        </Anchor>
                      ) : (
                        <Text span c="dimmed" size="sm" aria-label="none">
                          ·
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
                <Table.Td fw={700}>
                  {rowTotal(severity) ? (
                    <Anchor component={Link} to={incidentListLink({ severity, exercise })} size="sm" fw={700}>
                      {rowTotal(severity)}
                    </Anchor>
                  ) : (
                    <Text span c="dimmed" size="sm">
                      0
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row" ta="left">
              All
            </Table.Th>
            {OPEN_STAGES.map((stage) => (
              <Table.Td key={stage} fw={700}>
                {stageTotal(stage) ? (
                  <Anchor component={Link} to={incidentListLink({ stages: [stage], exercise })} size="sm" fw={700}>
                    {stageTotal(stage)}
                  </Anchor>
                ) : (
                  <Text span c="dimmed" size="sm">
                    0
                  </Text>
                )}
              </Table.Td>
            ))}
            <Table.Td fw={800}>
              <Anchor component={Link} to={incidentListLink({ exercise })} size="sm" fw={800}>
                {open.total}
              </Anchor>
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

interface OpenIncidentsCardProps {
  real: DashboardPart['open'] | undefined;
  exercise: DashboardPart['open'] | undefined;
  error: unknown;
  onRetry: () => void;
}

/** Open incidents by severity and stage; exercises in a grid of their own, never added to the real ones. */
export function OpenIncidentsCard({ real, exercise, error, onRetry }: OpenIncidentsCardProps) {
  let body: React.ReactNode;
  if (error && !real) body = <ErrorState title="Could not load the open incidents" error={error} onRetry={onRetry} />;
  else if (!real)
    body = (
      <Stack gap="xs" aria-busy aria-label="Loading open incidents">
        <Skeleton h={28} />
        <Skeleton h={28} />
        <Skeleton h={28} />
        <Skeleton h={28} />
      </Stack>
    );
  else if (real.total === 0)
    body = (
      <EmptyState
        size="sm"
        py="lg"
        icon={<IconShieldCheck size={26} />}
        withIndicatorBackground
        title="No open incidents"
        description="Nothing is being worked on right now. Reported incidents show up here by severity and stage until they are closed or dismissed."
      />
    );
  else body = <SeverityStageGrid open={real} exercise={false} label="Open incidents by severity and stage" />;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="open-incidents-title">
      <Group gap="xs" mb="xs" justify="space-between">
        <Title order={2} fz="h4" id="open-incidents-title">
          Open incidents
        </Title>
        {real && real.total > 0 && (
          <Badge variant="light" color="blue">
            {real.total} open
          </Badge>
        )}
      </Group>
      {body}
      {exercise && exercise.total > 0 && (
        <Stack gap="xs" mt="md" component="section" aria-labelledby="open-exercises-title">
          <Group gap="xs">
            <ExerciseBadge />
            <Text fw={600} size="sm" id="open-exercises-title">
              Exercises in progress: {exercise.total}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            Practice incidents, counted apart and never with the real ones above.
          </Text>
          <SeverityStageGrid open={exercise} exercise label="Open exercises by severity and stage" />
        </Stack>
      )}
    </Paper>
  );
}
