import { Badge, Group, Paper, Skeleton, Text, Title } from '@mantine/core';
import type { Incident } from '../../shared/api-types.ts';
import { ErrorState } from '../core/ErrorState.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import { useIncidentEvidence } from './evidence-api.ts';

/** The incident's evidence with its SHA-256, source and who collected it, each downloadable. */
export function IncidentEvidencePanel({ incident }: { incident: Incident }) {
  const query = useIncidentEvidence(incident.id, incident.version);
  const items = query.data ?? [];

  let body: React.ReactNode;
  if (query.isPending) body = <Skeleton h={60} aria-busy aria-label="Loading evidence" />;
  else if (query.isError)
    body = (
      <ErrorState
        title="Could not load the evidence"
        error={query.error}
        onRetry={() => query.refetch()}
        retrying={query.isFetching}
      />
    );
  else if (items.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        No evidence yet. Files kept as evidence — logs, e-mails, screenshots — are listed here with their SHA-256, so anyone can
        check later that they were not changed.
      </Text>
    );
  else body = <EvidenceList items={items} label={`Evidence of ${incident.key}`} />;

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
