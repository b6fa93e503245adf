import { Badge, Group, Paper, Skeleton, Text, Title } from '@mantine/core';
import type { Incident } from '../../shared/api-types.ts';
import { QueryView } from '../core/QueryView.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import { useIncidentEvidence } from './evidence-api.ts';

/** The incident's evidence with its SHA-256, source and who collected it, each downloadable. */
export function IncidentEvidencePanel({ incident }: { incident: Incident }) {
  const query = useIncidentEvidence(incident.id, incident.version);
  const items = query.data ?? [];

  const body = (
    <QueryView
      query={query}
      loading={<Skeleton h={60} aria-busy aria-label="Loading evidence" />}
      errorTitle="Could not load the evidence"
      empty={
        <Text size="sm" c="dimmed">
          No evidence yet. Files kept as evidence — logs, e-mails, screenshots — are listed here with their SHA-256, so anyone can
          check later that they were not changed.
        </Text>
      }
    >
      {(items) => <EvidenceList items={items} label={`Evidence of ${incident.key}`} />}
    </QueryView>
  );

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="evidence-title">
      <Group gap="xs" mb="sm">
        <Title order={2} fz="h4" id="evidence-title">
          Evidence
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
