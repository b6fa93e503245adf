import { Anchor, Group, Skeleton, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { Incident } from '../../shared/api-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { useCustomers } from '../customers/customers-api.ts';
import { ExerciseBadge } from './ExerciseBadge.tsx';
import { categoryLabel } from './incident-labels.ts';
import { SeverityBadge } from './SeverityBadge.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { TlpBadge } from './TlpBadge.tsx';

const COLUMNS = ['Key', 'Title', 'Status', 'Severity', 'TLP', 'Reported'];

function Header({ withCustomer = false }: { withCustomer?: boolean }) {
  const columns = withCustomer ? [...COLUMNS.slice(0, 2), 'Customer', ...COLUMNS.slice(2)] : COLUMNS;
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c) => (
          <Table.Th key={c} scope="col">
            {c}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

/** Incidents, newest first. The key is a real link; the whole row is clickable for the mouse. */
export function IncidentTable({ incidents }: { incidents: Incident[] }) {
  const navigate = useNavigate();
  // Once customers exist, each incident shows whose it is.
  const customers = useCustomers();
  const withCustomer = Boolean(customers.data?.length) || incidents.some((i) => i.customerId);
  const customerName = (id: string | null) => {
    const customer = id ? customers.data?.find((c) => c.id === id) : undefined;
    return customer ? customer.name : id ? 'Archived customer' : '—';
  };
  return (
    <Table.ScrollContainer minWidth={withCustomer ? 880 : 760}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="Incidents" data-phone-list>
        <Header withCustomer={withCustomer} />
        <Table.Tbody>
          {incidents.map((incident) => {
            const category = categoryLabel(incident.category);
            return (
              <Table.Tr
                key={incident.id}
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest('a')) return;
                  navigate(`/incidents/${incident.key}`);
                }}
                style={{ cursor: 'pointer' }}
                data-incident-key={incident.key}
              >
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/incidents/${incident.key}`} ff="monospace" fz="sm" fw={600}>
                    {incident.key}
                  </Anchor>
                </Table.Td>
                <Table.Td maw={420}>
                  <Group gap={8} wrap="nowrap">
                    {incident.exercise && <ExerciseBadge size="xs" />}
                    <Text fz="sm" fw={500} truncate="end">
                      {incident.title}
                    </Text>
                  </Group>
                  {category && (
                    <Text fz="xs" c="dimmed" truncate="end">
                      {category}
                    </Text>
                  )}
                </Table.Td>
                {withCustomer && (
                  <Table.Td maw={180}>
                    <Text
                      fz="sm"
                      truncate="end"
                      c={incident.customerId ? undefined : 'dimmed'}
                      title={customerName(incident.customerId)}
                    >
                      {customerName(incident.customerId)}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <StatusBadge status={incident.status} />
                </Table.Td>
                <Table.Td>
                  <SeverityBadge severity={incident.severity} />
                </Table.Td>
                <Table.Td>
                  <TlpBadge tlp={incident.tlp} size="sm" />
                </Table.Td>
                <Table.Td>
                  <RelativeTime value={incident.times.reportedAt ?? incident.createdAt} fz="sm" c="dimmed" />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function IncidentTableSkeleton({ rows = 6 }: { rows?: number }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" aria-label="Loading incidents" aria-busy>
        <Header />
        <Table.Tbody>
          {Array.from({ length: rows }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
            <Table.Tr key={i}>
              <Table.Td>
                <Skeleton h={14} w={110} />
              </Table.Td>
              <Table.Td>
                <Skeleton h={14} w={`${60 + ((i * 17) % 35)}%`} />
              </Table.Td>
              <Table.Td>
                <Skeleton h={20} w={80} radius="xl" />
              </Table.Td>
              <Table.Td>
                <Skeleton h={20} w={70} radius="xl" />
              </Table.Td>
              <Table.Td>
                <Skeleton h={20} w={90} />
              </Table.Td>
              <Table.Td>
                <Skeleton h={14} w={90} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
