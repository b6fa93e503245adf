import { Anchor, Badge, Group, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Incident } from '../../shared/api-types.ts';
import { QueryView } from '../core/QueryView.tsx';
import { SeenSpan } from './SeenSpan.tsx';
import { TriageCounts } from './TriageCounts.tsx';
import { useIncidentTriage } from './triage-api.ts';
import { KIND_COLORS, KIND_LABELS, kindIcon } from './triage-labels.tsx';

/** The alert groups and reports that became or joined this incident, with their counts and whether they resolved; nothing when none did. */
export function IncidentAlertsPanel({ incident }: { incident: Incident }) {
  const query = useIncidentTriage(incident.id);
  const items = query.data ?? [];

  // Most incidents are reported by hand: the panel shows only when alerts or reports belong to the incident.
  if (query.isSuccess && items.length === 0) return null;

  const body = (
    <QueryView
      query={query}
      loading={<Skeleton h={60} aria-busy aria-label="Loading alerts and reports" />}
      errorTitle="Could not load the alerts and reports"
    >
      {(items) => (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((item) => (
            <li key={item.id} data-triage-item={item.id}>
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon
                  variant="light"
                  color={KIND_COLORS[item.kind]}
                  size="md"
                  radius="md"
                  role="img"
                  aria-label={KIND_LABELS[item.kind]}
                >
                  {kindIcon(item.kind, 16)}
                </ThemeIcon>
                <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                  <Anchor
                    component={Link}
                    to={`/triage?status=incident&item=${encodeURIComponent(item.id)}`}
                    size="sm"
                    fw={600}
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    {item.title}
                  </Anchor>
                  {item.kind === 'alerts' ? (
                    <TriageCounts item={item} size="xs" />
                  ) : (
                    <Badge size="xs" variant="light" color={KIND_COLORS[item.kind]} w="fit-content">
                      {KIND_LABELS[item.kind]}
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">
                    <SeenSpan firstSeen={item.firstSeen} lastSeen={item.lastSeen} />
                  </Text>
                </Stack>
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </QueryView>
  );

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="incident-alerts-title">
      <Group gap="xs" mb="sm">
        <Title order={2} fz="h4" id="incident-alerts-title">
          Alerts and reports
        </Title>
        {items.length > 0 && (
          <Badge variant="light" color="gray">
            {items.length}
          </Badge>
        )}
      </Group>
      {body}
    </Paper>
  );
}
