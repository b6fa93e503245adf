import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import type { Incident } from '../../shared/api-types.ts';
import type { ConnectionCheck } from '../../shared/connection-check-types.ts';

interface CompromisedAdviceProps {
  check: ConnectionCheck;
  incident: Incident;
  canAct: boolean;
  /** Adds a service to the incident's affected services. */
  onAdd: (serviceId: string) => void;
  adding: string | null;
}

/**
 * What a compromised connection asks of the team: a connected service of the customer not yet on the incident is
 * offered for adding; another target is to be assessed with the customer, and reported if it is someone else's.
 */
export function CompromisedAdvice({ check, incident, canAct, onAdd, adding }: CompromisedAdviceProps) {
  const compromised = check.connections.filter((c) => check.answers?.[c.connectionId]?.status === 'compromised');
  if (compromised.length === 0) return null;
  const matched = new Set(check.suggestedServices.flatMap((s) => s.connectionIds));
  const others = compromised.filter((c) => !matched.has(c.connectionId));
  const targets = [...new Set(others.map((c) => c.target))];
  return (
    <Alert
      color="red"
      variant="light"
      p="xs"
      icon={<IconAlertTriangle size={16} />}
      title="The customer found a compromised connection"
    >
      <Stack gap={6}>
        {check.suggestedServices.map((s) => (
          <Stack key={s.id} gap={4}>
            <Text size="sm">
              It leads to <b>{s.name}</b>, another of the customer’s services, which is not on this incident.
            </Text>
            {canAct && !incident.serviceIds.includes(s.id) && (
              <Button
                size="compact-sm"
                color="red"
                variant="light"
                leftSection={<IconPlus size={14} />}
                loading={adding === s.id}
                onClick={() => onAdd(s.id)}
                style={{ alignSelf: 'flex-start' }}
              >
                Add {s.name} to the incident
              </Button>
            )}
          </Stack>
        ))}
        {targets.length > 0 && (
          <Text size="sm">
            {targets.join(', ')} {targets.length === 1 ? 'is' : 'are'} compromised: assess {targets.length === 1 ? 'it' : 'them'}{' '}
            with the customer, secure evidence, and report {targets.length === 1 ? 'it' : 'them'} as an incident of its own if it
            is not part of this one.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
