import {
  Badge,
  Button,
  EmptyState,
  Grid,
  Group,
  Kbd,
  Loader,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle, useHotkeys, useMediaQuery } from '@mantine/hooks';
import { IconBellRinging, IconInbox, IconSettings } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { TRIAGE_STATUSES, type TriageItem, type TriageStatus } from '../../shared/triage-types.ts';
import { pageHotkeys } from '../core/page-hotkeys.ts';
import { QueryView } from '../core/QueryView.tsx';
import { useAccess, useCustomers } from '../customers/customers-api.ts';
import { TriageItemPanel } from './TriageItemPanel.tsx';
import { TriageQueue } from './TriageQueue.tsx';
import { useTriageQueue } from './triage-api.ts';

const EMPTY: Record<TriageStatus, { title: string; description: string }> = {
  triage: {
    title: 'Nothing to triage',
    description:
      'Alerts arrive from sources configured under Alert sources; reports from e-mail and the public form. Each group of alerts or report waits here until someone opens an incident from it, attaches it to one, or dismisses it.',
  },
  incident: {
    title: 'Nothing opened from the queue yet',
    description: 'Alert groups and reports that became an incident, or joined one, are listed here with a link to it.',
  },
  dismissed: {
    title: 'Nothing dismissed',
    description: 'Alert groups and reports judged not to be an incident are kept here with the reason.',
  },
};

/** `/triage`: alert groups and reports waiting for DP1, "is it an incident?"; `?status=` and `?item=` in the address. */
export function TriagePage() {
  useDocumentTitle('Triage — Muster');
  const [params, setParams] = useSearchParams();
  const { data: access } = useAccess();
  const statusParam = params.get('status') as TriageStatus | null;
  const status: TriageStatus = statusParam && TRIAGE_STATUSES.includes(statusParam) ? statusParam : 'triage';
  const selectedId = params.get('item');
  const waiting = useTriageQueue('triage');
  const query = useTriageQueue(status);
  const items = query.data ?? [];
  const customers = useCustomers();
  const customerName = (id: string | null) => (id ? (customers.data?.find((c) => c.id === id)?.name ?? null) : null);

  const hrefOf = (item: TriageItem) => {
    const next = new URLSearchParams(params);
    next.set('item', item.id);
    return `/triage?${next}`;
  };
  const select = (id: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('item', id);
        else next.delete('item');
        return next;
      },
      { replace: true },
    );

  // Something is always selected when the list has items, so that the keyboard can act on it at once.
  const firstId = items[0]?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: select only changes with the address
  useEffect(() => {
    if (!selectedId && firstId) select(firstId);
  }, [selectedId, firstId]);

  // On wide screens the queue scrolls by itself beside the item, like a mail client's list.
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const queueRef = useRef<HTMLElement>(null);
  const move = (step: number) => {
    if (!items.length) return;
    const at = items.findIndex((i) => i.id === selectedId);
    const next = items[Math.min(items.length - 1, Math.max(0, at + step))];
    if (!next) return;
    select(next.id);
    // The entry chosen with the keyboard stays in sight in a long queue.
    requestAnimationFrame(() =>
      queueRef.current?.querySelector(`[data-triage-item="${CSS.escape(next.id)}"]`)?.scrollIntoView({ block: 'nearest' }),
    );
  };
  useHotkeys(
    pageHotkeys([
      ['j', () => move(1)],
      ['k', () => move(-1)],
    ]),
    [],
  );

  const queue = (
    <QueryView
      query={query}
      loading={
        <Stack gap="xs" aria-busy aria-label="Loading the queue">
          <Skeleton h={96} />
          <Skeleton h={96} />
          <Skeleton h={96} />
        </Stack>
      }
      errorTitle="Could not load the queue"
      empty={
        <Paper withBorder radius="md">
          <EmptyState
            py="xl"
            icon={status === 'triage' ? <IconInbox size={30} /> : <IconBellRinging size={30} />}
            withIndicatorBackground
            title={EMPTY[status].title}
            description={EMPTY[status].description}
          >
            {status === 'triage' && access?.allowed.manageAlertSources && (
              <EmptyState.Actions>
                <Button component={Link} to="/admin/alerts" variant="light" leftSection={<IconSettings size={16} />}>
                  Alert sources
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Paper>
      }
    >
      {(items) => <TriageQueue items={items} selectedId={selectedId} hrefOf={hrefOf} customerName={customerName} />}
    </QueryView>
  );

  const waitingCount = waiting.data?.length;
  return (
    <Stack gap="lg" maw={1440} mx="auto">
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="xs">
            <Title order={1} fz="h2">
              Triage
            </Title>
            {waitingCount ? (
              <Badge color="blue" variant="filled" size="lg" data-waiting-count={waitingCount}>
                {waitingCount} waiting
              </Badge>
            ) : null}
            {query.isFetching && !query.isPending && <Loader size="xs" aria-label="Refreshing" />}
          </Group>
          <Text c="dimmed" size="sm">
            Is it an incident? Open one, attach to one being handled, or dismiss with a reason. Times are in your time zone.
          </Text>
        </div>
        <Group gap="md" align="center">
          <Text size="xs" c="dimmed" visibleFrom="md">
            <Kbd size="xs">j</Kbd> / <Kbd size="xs">k</Kbd> next and previous
          </Text>
          <SegmentedControl
            aria-label="Which items"
            value={status}
            onChange={(value) => setParams(value === 'triage' ? {} : { status: value }, { replace: true })}
            data={[
              { value: 'triage', label: waitingCount ? `Waiting (${waitingCount})` : 'Waiting' },
              { value: 'incident', label: 'Opened' },
              { value: 'dismissed', label: 'Dismissed' },
            ]}
          />
        </Group>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <section
            ref={queueRef}
            aria-label={`Triage: ${status === 'triage' ? 'waiting' : status === 'incident' ? 'opened' : 'dismissed'}`}
            data-queue-scroll={wide || undefined}
            style={
              wide
                ? { maxHeight: 'calc(100dvh - 190px)', overflowY: 'auto', padding: 2, overscrollBehavior: 'contain' }
                : undefined
            }
          >
            {queue}
          </section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          {selectedId ? (
            <TriageItemPanel key={selectedId} itemId={selectedId} customerName={customerName} />
          ) : (
            items.length > 0 && (
              <Text size="sm" c="dimmed">
                Choose an item to see its alerts and decide.
              </Text>
            )
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
