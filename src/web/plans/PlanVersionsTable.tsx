import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { PlanVersionSummary } from '../../shared/prepare-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { CompareMenu } from './CompareMenu.tsx';
import { PlanKitLinks } from './PlanKitLinks.tsx';
import { ReviewByBadge } from './ReviewByBadge.tsx';
import { ShaBadge } from './ShaBadge.tsx';

/** Published versions of a customer's plan, newest first, with their offline kits and comparisons. */
export function PlanVersionsTable({ versions }: { versions: PlanVersionSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table verticalSpacing="sm" aria-label="Published plan versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Version</Table.Th>
            <Table.Th scope="col">Published</Table.Th>
            <Table.Th scope="col">Owner · approver</Table.Th>
            <Table.Th scope="col">Review by</Table.Th>
            <Table.Th scope="col">SHA-256</Table.Th>
            <Table.Th scope="col">Offline kit and comparison</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v, i) => (
            <Table.Tr key={v.id} data-plan-version={v.version}>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Stack gap={2}>
                  <Anchor component={Link} to={`/plans/${v.id}`} fw={700} size="sm" aria-label={`View version ${v.version}`}>
                    Version {v.version}
                  </Anchor>
                  {i === 0 && (
                    <Badge size="xs" color="teal" variant="light">
                      In force
                    </Badge>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <RelativeTime value={v.publishedAt} size="sm" />
                <Text size="xs" c="dimmed">
                  by {v.publishedBy}
                </Text>
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Text size="sm">{v.owner}</Text>
                <Text size="xs" c="dimmed">
                  approved by {v.approver}
                </Text>
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                {i === 0 ? (
                  <ReviewByBadge reviewBy={v.reviewBy} overdue={v.reviewOverdue} />
                ) : (
                  <Text size="sm" c="dimmed">
                    Replaced
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <ShaBadge sha256={v.sha256} />
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Group gap={6} wrap="wrap">
                  <PlanKitLinks planId={v.id} version={v.version} />
                  <CompareMenu plan={v} versions={versions} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
