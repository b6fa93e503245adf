import { ActionIcon, CopyButton, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { Incident } from '../../shared/api-types.ts';
import { ExerciseBadge } from './ExerciseBadge.tsx';
import { ExportReportMenu } from './ExportReportMenu.tsx';
import { SeverityBadge } from './SeverityBadge.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { TlpBadge } from './TlpBadge.tsx';

function severityNote(incident: Incident): string {
  if (incident.severityOverride) return `overridden: ${incident.severityOverride.reason}`;
  if (incident.severity) return 'derived from C/I/A';
  return 'rate the C/I/A impact to derive it';
}

export function IncidentHeader({ incident }: { incident: Incident }) {
  return (
    <Stack gap={6}>
      <Group gap={4} justify="space-between" wrap="nowrap">
        <Group gap={4}>
          <Text ff="monospace" fw={600} c="dimmed" fz="sm">
            {incident.key}
          </Text>
          <CopyButton value={incident.key} timeout={1500}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? 'Copied' : 'Copy key'} withArrow>
                <ActionIcon variant="subtle" color="gray" size="sm" onClick={copy} aria-label="Copy incident key">
                  {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <ExportReportMenu incidentId={incident.id} />
      </Group>
      <Title order={1} fz="h2" style={{ overflowWrap: 'anywhere' }}>
        {incident.title}
      </Title>
      <Group gap="sm" mt={4}>
        <StatusBadge status={incident.status} size="lg" data-testid="incident-status" />
        <Group gap={6} wrap="nowrap">
          <SeverityBadge severity={incident.severity} size="lg" />
          <Text size="xs" c="dimmed" data-testid="severity-note">
            {severityNote(incident)}
          </Text>
        </Group>
        <TlpBadge tlp={incident.tlp} size="lg" />
        {incident.exercise && <ExerciseBadge size="lg" />}
      </Group>
    </Stack>
  );
}
