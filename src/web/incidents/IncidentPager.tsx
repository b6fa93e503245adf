import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import type { IncidentPage } from '../../shared/api-types.ts';

interface IncidentPagerProps {
  page: IncidentPage;
  /** The page shown is not the first (the address holds a cursor). */
  paged: boolean;
  onPage(cursor: string | null): void;
  busy: boolean;
}

/** How many incidents match, and the way to the pages either side (cursors, so a page never repeats or skips). */
export function IncidentPager({ page, paged, onPage, busy }: IncidentPagerProps) {
  const count = `${page.total.toLocaleString()}${page.totalExact ? '' : '+'}`;
  const noun = page.total === 1 && page.totalExact ? 'incident' : 'incidents';
  return (
    <Group justify="space-between" gap="sm" p="sm" wrap="wrap">
      <Text size="sm" c="dimmed" aria-live="polite">
        {count} {noun}
        {page.totalExact ? '' : ' (counted up to the first thousand)'}
      </Text>
      {(page.prevCursor || page.nextCursor || paged) && (
        <Group gap="xs" component="nav" aria-label="Pages of incidents">
          {paged && (
            <Button variant="subtle" size="xs" onClick={() => onPage(null)} disabled={busy}>
              First page
            </Button>
          )}
          <Button
            variant="default"
            size="xs"
            leftSection={<IconChevronLeft size={14} aria-hidden />}
            disabled={!page.prevCursor || busy}
            onClick={() => onPage(page.prevCursor)}
          >
            Previous
          </Button>
          <Button
            variant="default"
            size="xs"
            rightSection={<IconChevronRight size={14} aria-hidden />}
            disabled={!page.nextCursor || busy}
            onClick={() => onPage(page.nextCursor)}
          >
            Next
          </Button>
        </Group>
      )}
    </Group>
  );
}
