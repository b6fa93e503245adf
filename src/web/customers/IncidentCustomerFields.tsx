import { Badge, Group, MultiSelect, Select, SimpleGrid, Text } from '@mantine/core';
import { IconBuildingSkyscraper, IconServer } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { CRITICALITY_COLORS, CRITICALITY_LABELS } from '../services/service-labels.ts';
import { useServices } from '../services/services-api.ts';
import { useAccess, useCustomers } from './customers-api.ts';

/** Whether any customer is visible: then every incident must belong to one. Undefined while loading. */
export function useHasCustomers(): boolean | undefined {
  const customers = useCustomers();
  return customers.data ? customers.data.length > 0 : customers.isError ? false : undefined;
}

interface IncidentCustomerFieldsProps {
  customerId: string | null;
  serviceIds: string[];
  onChange: (next: { customerId: string | null; serviceIds: string[] }) => void;
  errors: { customerId?: React.ReactNode; serviceIds?: React.ReactNode };
  /** Choose the customer by itself when there is only one the user can report for (the report form). */
  preselect?: boolean;
  /** False only for an incident filed before customers existed, which may stay without one. */
  required?: boolean;
}

/**
 * The customer an incident belongs to and the services of that customer it affects, for the report form and the
 * details editor. The customer decides whose plan, contacts and reporting obligations apply.
 */
export function IncidentCustomerFields({
  customerId,
  serviceIds,
  onChange,
  errors,
  preselect,
  required = true,
}: IncidentCustomerFieldsProps) {
  const customers = useCustomers();
  const { data: access } = useAccess();
  const services = useServices(customerId);
  const reportable = (customers.data ?? []).filter((c) => c.id === customerId || c.allowed.reportIncident);

  // One customer to choose from (in-house use, or a member of just one): choose it, once.
  const preselected = useRef(false);
  useEffect(() => {
    if (!preselect || preselected.current || customerId || !access || !customers.data) return;
    preselected.current = true;
    const memberOf = Object.keys(access.memberships).filter((id) => customers.data?.some((c) => c.id === id));
    const only = memberOf.length === 1 ? memberOf[0] : reportable.length === 1 ? reportable[0].id : null;
    if (only) onChange({ customerId: only, serviceIds: [] });
  }, [preselect, customerId, access, customers.data, reportable, onChange]);

  const serviceOptions = (services.data ?? []).map((s) => ({ value: s.id, label: s.name }));
  const byId = new Map((services.data ?? []).map((s) => [s.id, s]));

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <Select
        label="Customer"
        description="Whose plan, contacts and reporting obligations apply"
        placeholder={customers.isPending ? 'Loading customers…' : 'Choose the customer'}
        required={required}
        searchable
        data={reportable.map((c) => ({ value: c.id, label: c.code ? `${c.name} (${c.code})` : c.name }))}
        value={customerId}
        onChange={(value) => value !== customerId && onChange({ customerId: value, serviceIds: [] })}
        allowDeselect={false}
        nothingFoundMessage="No customer matches"
        leftSection={<IconBuildingSkyscraper size={16} aria-hidden />}
        error={errors.customerId}
        data-path="customerId"
      />
      <MultiSelect
        label="Affected services"
        description="Their connections become the list of what else to check"
        placeholder={
          !customerId
            ? 'Choose the customer first'
            : services.isPending
              ? 'Loading services…'
              : serviceOptions.length
                ? serviceIds.length
                  ? undefined
                  : 'None chosen yet'
                : 'This customer has no services registered'
        }
        disabled={!customerId || serviceOptions.length === 0}
        searchable
        clearable
        data={serviceOptions}
        value={serviceIds}
        onChange={(ids) => onChange({ customerId, serviceIds: ids })}
        leftSection={<IconServer size={16} aria-hidden />}
        nothingFoundMessage="No service matches"
        error={errors.serviceIds}
        data-path="serviceIds"
        renderOption={({ option }) => {
          const service = byId.get(option.value);
          return (
            <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
              <Text size="sm">{option.label}</Text>
              {service && (
                <Group gap={4} wrap="nowrap">
                  {service.personalData && (
                    <Badge size="xs" variant="outline" color="grape">
                      Personal data
                    </Badge>
                  )}
                  <Badge size="xs" variant="light" color={CRITICALITY_COLORS[service.criticality]}>
                    {CRITICALITY_LABELS[service.criticality]}
                  </Badge>
                </Group>
              )}
            </Group>
          );
        }}
      />
    </SimpleGrid>
  );
}
