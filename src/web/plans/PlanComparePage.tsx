import { Anchor, Badge, Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../core/ErrorState.tsx';
import { formatAbsolute } from '../core/time.ts';
import { CompareColumn } from './CompareColumn.tsx';
import { COMPARE_SECTIONS, compareSection } from './compare-items.ts';
import { usePlanComparison, usePlanVersion } from './plans-api.ts';
import { ShaBadge } from './ShaBadge.tsx';

/** `/plans/:id/compare/:otherId`: two versions of a plan side by side, section by section. */
export function PlanComparePage() {
  const { id = '', otherId = '' } = useParams();
  const a = usePlanVersion(id);
  const b = usePlanVersion(otherId);
  const comparison = usePlanComparison(id, otherId);
  const [mode, setMode] = useState<'differences' | 'everything'>('differences');
  useDocumentTitle('Compare plan versions — Muster');

  const failed = [a, b, comparison].find((q) => q.isError);
  if (failed) {
    return (
      <Stack maw={900} mx="auto">
        <ErrorState
          title="Could not compare the plan versions"
          error={failed.error}
          onRetry={() => {
            for (const q of [a, b, comparison]) void q.refetch();
          }}
        />
      </Stack>
    );
  }
  if (!a.data || !b.data || !comparison.data) {
    return (
      <Stack gap="md" maw={1280} mx="auto" aria-busy aria-label="Loading the comparison">
        <Skeleton h={30} w="50%" />
        <Skeleton h={120} />
        <Skeleton h={240} />
      </Stack>
    );
  }
  const [older, newer] = a.data.version <= b.data.version ? [a.data, b.data] : [b.data, a.data];
  const diffs = comparison.data.sections;
  const total = diffs.reduce((n, d) => n + d.added.length + d.removed.length + d.changed.length, 0);
  const customer = newer.snapshot.customer;

  return (
    <Stack gap="md" maw={1280} mx="auto">
      <div>
        <Anchor component={Link} to={`/customers/${encodeURIComponent(newer.customerId)}?tab=plans`} size="sm" c="dimmed">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden /> {customer.name}: plans
          </Group>
        </Anchor>
        <Title order={1} fz="h2" mt={4}>
          {customer.name}: version {older.version} → version {newer.version}
        </Title>
        <Text size="sm" c="dimmed">
          {total === 0
            ? 'The two versions hold the same plan.'
            : `${total} difference${total === 1 ? '' : 's'} across ${diffs.length} section${diffs.length === 1 ? '' : 's'}.`}
        </Text>
      </div>

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {[older, newer].map((v) => (
          <Paper key={v.id} withBorder radius="md" p="sm">
            <Group justify="space-between">
              <Anchor component={Link} to={`/plans/${v.id}`} fw={700}>
                Version {v.version}
              </Anchor>
              <ShaBadge sha256={v.sha256} />
            </Group>
            <Text size="xs" c="dimmed">
              Published {formatAbsolute(v.publishedAt)} by {v.publishedBy}; approved by {v.approver}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>

      <Group justify="flex-end">
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(v) => setMode(v as typeof mode)}
          aria-label="What to show"
          data={[
            { value: 'differences', label: 'Differences only' },
            { value: 'everything', label: 'Everything' },
          ]}
        />
      </Group>

      {COMPARE_SECTIONS.map(({ section, label }) => {
        const diff = diffs.find((d) => d.section === section);
        const sides = compareSection(older.snapshot, newer.snapshot, section, diff);
        const counts = diff
          ? [
              diff.added.length && `${diff.added.length} added`,
              diff.removed.length && `${diff.removed.length} removed`,
              diff.changed.length && `${diff.changed.length} changed`,
            ].filter(Boolean)
          : [];
        return (
          <Paper key={section} withBorder radius="md" p="md" component="section" aria-labelledby={`compare-${section}`}>
            <Group gap="xs" mb={diff || mode === 'everything' ? 'sm' : 0}>
              <Title order={2} fz="h4" id={`compare-${section}`}>
                {label}
              </Title>
              {diff ? (
                counts.map((c) => (
                  <Badge key={String(c)} size="sm" variant="light" color="yellow">
                    {c}
                  </Badge>
                ))
              ) : (
                <Badge size="sm" variant="light" color="gray">
                  No changes
                </Badge>
              )}
            </Group>
            {(diff || mode === 'everything') && (
              <SimpleGrid cols={2} spacing="md">
                <CompareColumn title={`Version ${older.version}`} items={sides.older} differencesOnly={mode === 'differences'} />
                <CompareColumn title={`Version ${newer.version}`} items={sides.newer} differencesOnly={mode === 'differences'} />
              </SimpleGrid>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
