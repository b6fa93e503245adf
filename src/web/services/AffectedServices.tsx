import { Group, Stack, Text } from '@mantine/core';
import { CriticalityBadge } from './CriticalityBadge.tsx';
import { useServices } from './services-api.ts';

/** The services an incident names, with their criticality; archived ones are still named as such. */
export function AffectedServices({ customerId, serviceIds }: { customerId: string; serviceIds: string[] }) {
  const services = useServices(customerId);
  if (serviceIds.length === 0)
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        None named
      </Text>
    );
  const byId = new Map((services.data ?? []).map((s) => [s.id, s]));
  return (
    <Stack gap={4}>
      {serviceIds.map((id) => {
        const service = byId.get(id);
        return (
          <Group key={id} gap={6} wrap="nowrap">
            <Text size="sm">{service?.name ?? (services.isPending ? '…' : 'Archived service')}</Text>
            {service && <CriticalityBadge criticality={service.criticality} size="xs" />}
          </Group>
        );
      })}
    </Stack>
  );
}
