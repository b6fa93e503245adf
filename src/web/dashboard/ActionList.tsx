import { Anchor, Badge, Button, EmptyState, Group, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconChecklist, IconRefresh } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ReviewAction } from '../../shared/review-types.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { formatAbsolute } from '../core/time.ts';
import { useNow } from '../core/use-now.ts';
import { dueWords } from './due-words.ts';

/** How many actions a card lists before it points to the full list. */
const SHOWN = 6;

/** Soonest due first, those without a due time last. */
export function byDue(a: ReviewAction, b: ReviewAction): number {
  if (a.dueAt === b.dueAt) return a.incidentKey.localeCompare(b.incidentKey);
  if (!a.dueAt) return 1;
  if (!b.dueAt) return -1;
  return Date.parse(a.dueAt) - Date.parse(b.dueAt);
}

function ActionRow({ action, now, showOwner }: { action: ReviewAction; now: number; showOwner: boolean }) {
  const late = action.dueAt !== null && Date.parse(action.dueAt) <= now;
  return (
    <Group component="li" gap="sm" wrap="nowrap" justify="space-between" align="flex-start" style={{ listStyle: 'none' }}>
      <div style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} lineClamp={1}>
          {action.title}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          <Anchor component={Link} to={`/incidents/${encodeURIComponent(action.incidentKey)}`} size="xs" fw={600} ff="monospace">
            {action.incidentKey}
          </Anchor>{' '}
          {action.incidentTitle}
          {showOwner && ` · ${action.ownerName ?? 'no owner'}`}
        </Text>
      </div>
      <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
        {action.exercise && (
          <Badge size="xs" color="grape" variant="light">
            Exercise
          </Badge>
        )}
        {action.dueAt ? (
          <Tooltip label={formatAbsolute(action.dueAt)} openDelay={300} withArrow>
            <Text size="xs" fw={late ? 700 : 500} c={late ? 'red' : undefined} component="time" dateTime={action.dueAt}>
              {dueWords(action.dueAt, now)}
            </Text>
          </Tooltip>
        ) : (
          <Text size="xs" c="dimmed">
            no due date
          </Text>
        )}
      </Group>
    </Group>
  );
}

interface ActionListProps {
  query: UseQueryResult<ReviewAction[]>;
  label: string;
  emptyTitle: string;
  emptyDescription: string;
  /** Whose action it is, when the list is not the user's own. */
  showOwner?: boolean;
}

/**
 * A short list of review actions for a dashboard card. A failed load says so quietly, in the card: the actions come
 * from the reviews, and a server without them (an older version) answers 404, which is no reason to alarm anyone.
 */
export function ActionList({ query, label, emptyTitle, emptyDescription, showOwner = false }: ActionListProps) {
  const now = useNow();
  if (query.isPending) {
    return (
      <Stack gap="xs" aria-busy aria-label={`Loading ${label.toLowerCase()}`}>
        <Skeleton h={32} />
        <Skeleton h={32} />
      </Stack>
    );
  }
  if (query.isError && !query.data) {
    const missing = isApiError(query.error) && query.error.status === 404;
    return (
      <Stack gap={6} align="flex-start" data-unavailable>
        <Text size="sm" c="dimmed">
          {missing ? 'Review actions are not available on this server yet.' : `Could not load them: ${errorMessage(query.error)}`}
        </Text>
        {!missing && (
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconRefresh size={14} />}
            onClick={() => void query.refetch()}
            loading={query.isFetching}
          >
            Try again
          </Button>
        )}
      </Stack>
    );
  }
  const items = [...(query.data ?? [])].sort(byDue);
  if (items.length === 0) {
    return (
      <EmptyState
        size="sm"
        py="md"
        icon={<IconChecklist size={24} />}
        withIndicatorBackground
        title={emptyTitle}
        description={emptyDescription}
      />
    );
  }
  return (
    <Stack gap="sm" component="ul" p={0} m={0} aria-label={label}>
      {items.slice(0, SHOWN).map((a) => (
        <ActionRow key={a.id} action={a} now={now} showOwner={showOwner} />
      ))}
      {items.length > SHOWN && (
        <Text component="li" size="sm" style={{ listStyle: 'none' }}>
          <Anchor component={Link} to="/actions" size="sm">
            {items.length - SHOWN} more on My actions
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}
