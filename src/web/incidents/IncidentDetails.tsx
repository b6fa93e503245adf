import { Button, DataList, Group, Paper, Text, Title, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import type { Incident, IncidentTimes } from '../../shared/api-types.ts';
import { formatAbsolute } from '../core/time.ts';
import { CustomerLink } from '../customers/CustomerLink.tsx';
import { AffectedServices } from '../services/AffectedServices.tsx';
import { EditDetailsModal } from './EditDetailsModal.tsx';
import {
  categoryLabel,
  IMPACT_DIMENSIONS,
  IMPACT_LABELS,
  originLabel,
  personalDataLabel,
  SEVERITY_LABELS,
  SOURCE_LABELS,
} from './incident-labels.ts';
import type { useIncidentActions } from './incidents-api.ts';
import { TlpBadge } from './TlpBadge.tsx';

const TIME_ROWS: { key: keyof IncidentTimes; label: string; always?: boolean }[] = [
  { key: 'occurredAt', label: 'Occurred', always: true },
  { key: 'detectedAt', label: 'Detected', always: true },
  { key: 'awareAt', label: 'Aware', always: true },
  { key: 'reportedAt', label: 'Reported', always: true },
  { key: 'confirmedAt', label: 'Confirmed (DP1)' },
  { key: 'classifiedAt', label: 'Classified' },
  { key: 'containedAt', label: 'Contained' },
  { key: 'eradicatedAt', label: 'Eradicated' },
  { key: 'resolvedAt', label: 'Resolved' },
  { key: 'closedAt', label: 'Closed' },
];

function Unset({ children = 'Not set' }: { children?: string }) {
  return (
    <Text span c="dimmed" fs="italic" inherit>
      {children}
    </Text>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

interface IncidentDetailsProps {
  incident: Incident;
  action: ReturnType<typeof useIncidentActions>['update'];
  canAct: boolean;
}

export function IncidentDetails({ incident, action, canAct }: IncidentDetailsProps) {
  const [editing, setEditing] = useState(false);
  const frozen = incident.status === 'closed' || incident.status === 'dismissed';
  const impact = incident.impact;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="details-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4" id="details-title">
          Details
        </Title>
        {canAct && (
          <Tooltip label="Reopen the incident to change it" disabled={!frozen} withArrow>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPencil size={14} />}
              data-disabled={frozen || undefined}
              aria-disabled={frozen || undefined}
              onClick={(e) => (frozen ? e.preventDefault() : setEditing(true))}
            >
              Edit details
            </Button>
          </Tooltip>
        )}
      </Group>
      <DataList size="sm" labelWidth={110} withDivider>
        {incident.customerId && (
          <>
            <Row label="Customer">
              <CustomerLink customerId={incident.customerId} />
            </Row>
            <Row label="Services">
              <AffectedServices customerId={incident.customerId} serviceIds={incident.serviceIds ?? []} />
            </Row>
          </>
        )}
        <Row label="Category">{categoryLabel(incident.category) ?? <Unset>Not classified</Unset>}</Row>
        <Row label="Origin">{originLabel(incident.origin)}</Row>
        <Row label="Impact">
          {impact ? (
            IMPACT_DIMENSIONS.map(({ key, label }) => (
              <Text key={key} size="sm">
                {label}: <b>{IMPACT_LABELS[impact[key]]}</b>
              </Text>
            ))
          ) : (
            <Unset>Not assessed</Unset>
          )}
        </Row>
        <Row label="Severity">
          {incident.severity ? SEVERITY_LABELS[incident.severity] : <Unset>Not assessed</Unset>}
          {incident.severityOverride ? (
            <Text size="xs" c="dimmed">
              Overridden (derived: {incident.derivedSeverity ? SEVERITY_LABELS[incident.derivedSeverity] : 'none'}):{' '}
              {incident.severityOverride.reason}
            </Text>
          ) : (
            incident.severity && (
              <Text size="xs" c="dimmed">
                Derived from C/I/A
              </Text>
            )
          )}
        </Row>
        <Row label="TLP">
          <TlpBadge tlp={incident.tlp} size="sm" />
        </Row>
        <Row label="Personal data">
          {incident.personalData === null ? <Unset>Unknown</Unset> : personalDataLabel(incident.personalData)}
        </Row>
        <Row label="Exercise">{incident.exercise ? 'Yes' : 'No'}</Row>
        <Row label="Source">{SOURCE_LABELS[incident.source] ?? incident.source}</Row>
        {TIME_ROWS.filter((r) => r.always || incident.times[r.key]).map(({ key, label }) => {
          const value = incident.times[key];
          return (
            <Row key={key} label={label}>
              {value ? <time dateTime={value}>{formatAbsolute(value)}</time> : <Unset />}
            </Row>
          );
        })}
      </DataList>
      <EditDetailsModal incident={incident} opened={editing} onClose={() => setEditing(false)} action={action} />
    </Paper>
  );
}
