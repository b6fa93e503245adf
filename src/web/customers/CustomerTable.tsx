import { Anchor, Badge, Skeleton, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { MembershipRole } from '../../shared/prepare-types.ts';
import type { StoredCustomer } from './customers-api.ts';
import { MEMBERSHIP_LABELS } from './membership-labels.ts';

const COLUMNS = ['Customer', 'Code', 'Time zone', 'Services', 'Your role'];

function Header() {
  return (
    <Table.Thead>
      <Table.Tr>
        {COLUMNS.map((c) => (
          <Table.Th key={c} scope="col">
            {c}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

interface CustomerTableProps {
  customers: StoredCustomer[];
  /** Services per customer id; undefined while loading. */
  serviceCounts: Map<string, number> | undefined;
  memberships: Record<string, MembershipRole>;
  admin: boolean;
}

/** Customers by name; the name is a real link and the whole row is clickable for the mouse. */
export function CustomerTable({ customers, serviceCounts, memberships, admin }: CustomerTableProps) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table highlightOnHover verticalSpacing="sm" aria-label="Customers">
        <Header />
        <Table.Tbody>
          {customers.map((customer) => {
            const role = memberships[customer.id];
            return (
              <Table.Tr
                key={customer.id}
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest('a')) return;
                  navigate(`/customers/${customer.id}`);
                }}
                style={{ cursor: 'pointer' }}
              >
                <Table.Td maw={420}>
                  <Anchor component={Link} to={`/customers/${customer.id}`} fz="sm" fw={600}>
                    {customer.name}
                  </Anchor>
                  {customer.description && (
                    <Text fz="xs" c="dimmed" truncate="end">
                      {customer.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {customer.code ? (
                    <Badge variant="light" color="gray" radius="sm" ff="monospace">
                      {customer.code}
                    </Badge>
                  ) : (
                    <Text fz="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text fz="sm">{customer.timeZone}</Text>
                </Table.Td>
                <Table.Td>
                  {serviceCounts ? (
                    <Text fz="sm" c={serviceCounts.get(customer.id) ? undefined : 'dimmed'}>
                      {serviceCounts.get(customer.id) ?? 0}
                    </Text>
                  ) : (
                    <Skeleton h={12} w={20} />
                  )}
                </Table.Td>
                <Table.Td>
                  <Text fz="sm" c={role ? undefined : 'dimmed'}>
                    {role ? MEMBERSHIP_LABELS[role] : admin ? 'Administrator' : '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CustomerTableSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table verticalSpacing="sm" aria-label="Loading customers" aria-busy>
        <Header />
        <Table.Tbody>
          {Array.from({ length: rows }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
            <Table.Tr key={i}>
              <Table.Td>
                <Skeleton h={14} w={`${50 + ((i * 23) % 40)}%`} />
              </Table.Td>
              <Table.Td>
                <Skeleton h={20} w={60} />
              </Table.Td>
              <Table.Td>
                <Skeleton h={14} w={110} />
              </Table.Td>
              <Table.Td>
                <Skeleton h={14} w={20} />
              </Table.Td>
              <Table.Td>
                <Skeleton h={14} w={70} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
