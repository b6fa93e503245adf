import { ActionIcon, Anchor, Badge, Code, CopyButton, DataList, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconCheck, IconCopy } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PlanVersion, PlanVersionSummary } from '../../shared/prepare-types.ts';
import { formatAbsolute } from '../core/time.ts';
import { CompareMenu } from './CompareMenu.tsx';
import { KitTimeZoneNote } from './KitTimeZoneNote.tsx';
import { PlanKitLinks } from './PlanKitLinks.tsx';
import { ReviewByBadge } from './ReviewByBadge.tsx';

interface PlanVersionHeaderProps {
  plan: PlanVersion;
  versions: PlanVersionSummary[];
}

/** Which customer, which version, who published and approved it, when to review, and its fingerprint. */
export function PlanVersionHeader({ plan, versions }: PlanVersionHeaderProps) {
  const customer = plan.snapshot.customer;
  const newest = versions[0];
  const inForce = newest?.id === plan.id;
  return (
    <Stack gap="sm">
      <Anchor component={Link} to={`/customers/${encodeURIComponent(plan.customerId)}?tab=plans`} size="sm" c="dimmed">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden /> {customer.name}: plans
        </Group>
      </Anchor>
      <Group gap="sm" align="center">
        <Title order={1} fz="h2">
          {customer.name} — contingency plan, version {plan.version}
        </Title>
        {inForce ? (
          <Badge color="teal" variant="light" size="lg">
            In force
          </Badge>
        ) : (
          newest && (
            <Badge color="gray" variant="outline" size="lg">
              Replaced by version {newest.version}
            </Badge>
          )
        )}
      </Group>
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-start" gap="md">
          <DataList size="sm" labelWidth={120}>
            <DataList.Item>
              <DataList.ItemLabel>Published</DataList.ItemLabel>
              <DataList.ItemValue>
                <time dateTime={plan.publishedAt}>{formatAbsolute(plan.publishedAt)}</time> by {plan.publishedBy}
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>Owner</DataList.ItemLabel>
              <DataList.ItemValue>{plan.owner}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>Approved by</DataList.ItemLabel>
              <DataList.ItemValue>{plan.approver}</DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>Review by</DataList.ItemLabel>
              <DataList.ItemValue>
                <ReviewByBadge reviewBy={plan.reviewBy} overdue={inForce && plan.reviewOverdue} />
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>SHA-256</DataList.ItemLabel>
              <DataList.ItemValue>
                <Group gap={4} wrap="nowrap" align="flex-start">
                  <Code fz="xs" style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>
                    {plan.sha256}
                  </Code>
                  <CopyButton value={plan.sha256} timeout={2000}>
                    {({ copied, copy }) => (
                      <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                        <ActionIcon
                          variant="subtle"
                          color={copied ? 'teal' : 'gray'}
                          size="sm"
                          onClick={copy}
                          aria-label="Copy the SHA-256"
                        >
                          {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </CopyButton>
                </Group>
                <Text size="xs" c="dimmed">
                  Printed on every page of the offline kit: compare it to know a paper copy is this version.
                </Text>
              </DataList.ItemValue>
            </DataList.Item>
          </DataList>
          <Stack gap="xs" align="flex-end">
            <PlanKitLinks planId={plan.id} version={plan.version} size="sm" />
            <KitTimeZoneNote customerId={plan.customerId} />
            <CompareMenu plan={plan} versions={versions} size="sm" />
          </Stack>
        </Group>
      </Paper>
    </Stack>
  );
}
