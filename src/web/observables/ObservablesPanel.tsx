import { Anchor, Badge, Box, Group, Paper, Skeleton, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { Incident } from '../../shared/api-types.ts';
import { QueryView } from '../core/QueryView.tsx';
import { AddObservableForm } from './AddObservableForm.tsx';
import { ObservableRow } from './ObservableRow.tsx';
import { stixUrl, useIncidentObservables, useObservableActions } from './observables-api.ts';

/**
 * The incident's observables (IPs, domains, URLs, hashes…): add them as they turn up, see where else each was
 * seen, and hand them to other tools as a STIX 2.1 bundle.
 */
export function ObservablesPanel({ incident }: { incident: Incident }) {
  const query = useIncidentObservables(incident.id, incident.version);
  const actions = useObservableActions(incident);
  const canAct = incident.allowed.change;
  const items = query.data ?? [];

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="observables-title">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={2} fz="h4" id="observables-title">
            Observables
          </Title>
          {items.length > 0 && (
            <Badge variant="light" color="gray">
              {items.length}
            </Badge>
          )}
        </Group>
        <Anchor href={stixUrl(incident.id)} download={`${incident.key}.stix.json`} size="sm">
          <Group gap={4} component="span">
            <IconDownload size={14} aria-hidden />
            Download STIX
          </Group>
        </Anchor>
      </Group>
      {canAct && (
        <Box mb="sm">
          <AddObservableForm actions={actions} incidentTlp={incident.tlp} />
        </Box>
      )}
      <QueryView
        query={query}
        loading={<Skeleton h={60} aria-busy aria-label="Loading observables" />}
        errorTitle="Could not load the observables"
        empty={
          <Text size="sm" c="dimmed">
            No observables yet. Record the indicators of this incident here — IP addresses, domains, URLs, file hashes, e-mail
            addresses, file names, accounts — to see at once whether they turned up in other incidents, and to share them with
            other tools as STIX.
          </Text>
        }
      >
        {(list) => (
          <Box component="div" aria-label={`Observables of ${incident.key}`}>
            {list.map((o) => (
              <ObservableRow key={o.id} observable={o} actions={actions} canAct={canAct} />
            ))}
          </Box>
        )}
      </QueryView>
    </Paper>
  );
}
