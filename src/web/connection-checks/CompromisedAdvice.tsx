import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import type { ConnectionCheck } from '../../shared/connection-check-types.ts';

interface CompromisedAdviceProps {
  check: ConnectionCheck;
  canAct: boolean;
  /** Adds a service to the incident's affected services. */
  onAdd: (serviceId: string) => void;
  adding: string | null;
}

/**
 * What a compromised connection asks of the team: a connected service of the customer not yet on the incident is
 * offered for adding; another target is to be assessed with the customer, and reported if it is someone else's.
 */
export function CompromisedAdvice({ check, canAct, onAdd, adding }: CompromisedAdviceProps) {
  const compromised = check.connections.filter((c) => check.answers?.[c.connectionId]?.status === 'compromised');
  if (compromised.length === 0) return null;
  const matched = new Set(check.compromisedServices.flatMap((s) => s.connectionIds));
  const targets = [...new Set(compromised.filter((c) => !matched.has(c.connectionId)).map((c) => c.target))];
  const one = targets.length === 1;
  return (
    <Alert
      color="red"
      variant="light"
      p="xs"
      icon={<IconAlertTriangle size={16} />}
      title={`The customer found ${compromised.length === 1 ? 'a compromised connection' : `${compromised.length} compromised connections`}`}
    >
      <Stack gap={6}>
        {check.compromisedServices.map((s) =>
          s.onIncident ? (
            <Text key={s.id} size="sm">
              It leads to <b>{s.name}</b>, which is on this incident: its connections are on the “check these” list.
            </Text>
          ) : (
            <Stack key={s.id} gap={4}>
              <Text size="sm">
                It leads to <b>{s.name}</b>, another of the customer’s services, which is not on this incident.
              </Text>
              {canAct && (
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
          ),
        )}
        {targets.length > 0 && (
          <Text size="sm">
            {targets.join(', ')} {one ? 'is' : 'are'} compromised and not one of the customer’s services in Muster: assess{' '}
            {one ? 'it' : 'them'} with the customer, secure evidence, and report {one ? 'it' : 'them'} as an incident of{' '}
            {one ? 'its' : 'their'} own if {one ? 'it is' : 'they are'} not part of this one.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
