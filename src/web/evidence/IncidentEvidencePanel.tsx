import { Badge, Button, Collapse, Group, Paper, Skeleton, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import { QueryView } from '../core/QueryView.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import { EvidenceUpload } from './EvidenceUpload.tsx';
import { evidenceKeys, useIncidentEvidence } from './evidence-api.ts';

/** The incident's evidence with its SHA-256, source, who collected it and its chain of custody; upload and download. */
export function IncidentEvidencePanel({ incident }: { incident: Incident }) {
  const query = useIncidentEvidence(incident.id, incident.version);
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const items = query.data?.evidence ?? [];
  const canChange = incident.allowed.change;
  // A download is a custody step: the count shown catches up once the browser has asked for the file.
  const afterDownload = () => setTimeout(() => void client.invalidateQueries({ queryKey: evidenceKeys.all }), 1500);

  const body = (
    <QueryView
      query={query}
      loading={<Skeleton h={60} aria-busy aria-label="Loading evidence" />}
      errorTitle="Could not load the evidence"
      isEmpty={(data) => data.evidence.length === 0}
      empty={
        <Text size="sm" c="dimmed">
          No evidence yet. Files kept as evidence — logs, e-mails, screenshots, disk images — are listed here with their SHA-256
          and chain of custody, so anyone can check later that they were not changed.
        </Text>
      }
    >
      {(data) => (
        <EvidenceList
          items={data.evidence}
          label={`Evidence of ${incident.key}`}
          custody={{ incidentId: incident.id, canChange }}
          onDownload={afterDownload}
        />
      )}
    </QueryView>
  );

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="evidence-title">
      <Group gap="xs" mb="sm" justify="space-between">
        <Group gap="xs">
          <Title order={2} fz="h4" id="evidence-title">
            Evidence
          </Title>
          {items.length > 0 && (
            <Badge variant="light" color="gray">
              {items.length}
            </Badge>
          )}
        </Group>
        {canChange && (
          <Button
            size="xs"
            variant={adding ? 'light' : 'default'}
            leftSection={<IconPlus size={14} />}
            aria-expanded={adding}
            onClick={() => setAdding((a) => !a)}
          >
            Add evidence
          </Button>
        )}
      </Group>
      {canChange && query.data && (
        <Collapse expanded={adding}>
          <Paper p="sm" mb="sm" bg="var(--mantine-color-gray-light)" radius="md">
            <EvidenceUpload incidentId={incident.id} maxBytes={query.data.maxBytes} />
          </Paper>
        </Collapse>
      )}
      {body}
    </Paper>
  );
}
