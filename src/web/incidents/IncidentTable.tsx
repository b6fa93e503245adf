import { Anchor, Group, Skeleton, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { Incident } from '../../shared/api-types.ts';
import { DEFAULT_SORT_ORDER, type IncidentSort, type SortOrder } from '../../shared/incident-list.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { useCustomers } from '../customers/customers-api.ts';
import { ExerciseBadge } from './ExerciseBadge.tsx';
import { categoryLabel } from './incident-labels.ts';
import { SeverityBadge } from './SeverityBadge.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { TlpBadge } from './TlpBadge.tsx';

interface Column {
  label: string;
  /** The list order this column's header switches to; none: not sortable. */
  sort?: IncidentSort;
}

const COLUMNS: Column[] = [
  { label: 'Key' },
  { label: 'Title' },
  { label: 'Status', sort: 'status' },
  { label: 'Severity', sort: 'severity' },
  { label: 'TLP' },
  { label: 'Reported', sort: 'reported' },
  { label: 'Updated', sort: 'updated' },
];

/** The list's order and how to change it: a sortable header sorts by its column, or flips the order when it already does. */
export interface TableSort {
  sort: IncidentSort;
  order: SortOrder;
  onSort(sort: IncidentSort, order: SortOrder): void;
}

const ORDER_WORDS: Record<IncidentSort, Record<SortOrder, string>> = {
  reported: { desc: 'newest first', asc: 'oldest first' },
  updated: { desc: 'latest change first', asc: 'longest unchanged first' },
  severity: { desc: 'most severe first', asc: 'least severe first' },
  status: { asc: 'earliest stage first', desc: 'latest stage first' },
};

function SortableHeader({ column, sorting }: { column: Column & { sort: IncidentSort }; sorting: TableSort }) {
  const active = sorting.sort === column.sort;
  const next: SortOrder = active ? (sorting.order === 'asc' ? 'desc' : 'asc') : DEFAULT_SORT_ORDER[column.sort];
  const Icon = !active ? IconSelector : sorting.order === 'asc' ? IconChevronUp : IconChevronDown;
  return (
    <Table.Th scope="col" aria-sort={active ? (sorting.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton
        onClick={() => sorting.onSort(column.sort, next)}
        title={`Sort by ${column.label.toLowerCase()}, ${ORDER_WORDS[column.sort][next]}`}
        fw={700}
        fz="sm"
      >
        <Group gap={4} wrap="nowrap" component="span">
          {column.label}
          <Icon size={14} aria-hidden style={{ opacity: active ? 1 : 0.45 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

function Header({ withCustomer = false, sorting }: { withCustomer?: boolean; sorting?: TableSort }) {
  const columns = withCustomer ? [...COLUMNS.slice(0, 2), { label: 'Customer' }, ...COLUMNS.slice(2)] : COLUMNS;
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c) =>
          c.sort && sorting ? (
            <SortableHeader key={c.label} column={{ ...c, sort: c.sort }} sorting={sorting} />
          ) : (
            <Table.Th key={c.label} scope="col">
              {c.label}
            </Table.Th>
          ),
        )}
      </Table.Tr>
    </Table.Thead>
  );
}

/**
 * Incidents in the list's order; with `sorting`, the Status, Severity, Reported and Updated headers sort (buttons
 * with aria-sort). The key is a real link; the whole row is clickable for the mouse.
 */
export function IncidentTable({ incidents, sorting }: { incidents: Incident[]; sorting?: TableSort }) {
  const navigate = useNavigate();
  // Once customers exist, each incident shows whose it is.
  const customers = useCustomers();
  const withCustomer = Boolean(customers.data?.length) || incidents.some((i) => i.customerId);
  const customerName = (id: string | null) => {
    const customer = id ? customers.data?.find((c) => c.id === id) : undefined;
    return customer ? customer.name : id ? 'Archived customer' : '—';
  };
  return (
    <Table.ScrollContainer minWidth={withCustomer ? 980 : 860}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="Incidents" data-phone-list>
        <Header withCustomer={withCustomer} sorting={sorting} />
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
                <Table.Td>
                  <RelativeTime value={incident.updatedAt} fz="sm" c="dimmed" />
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
    <Table.ScrollContainer minWidth={860}>
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
