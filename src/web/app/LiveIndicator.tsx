import { Badge, Tooltip } from '@mantine/core';
import type { LiveStatus } from './use-live-updates.ts';

const LABELS: Record<LiveStatus, { text: string; color: string; tip: string }> = {
  connecting: { text: 'Connecting', color: 'gray', tip: 'Connecting to live updates…' },
  live: { text: 'Live', color: 'teal', tip: 'Changes by others appear here as they happen' },
  reconnecting: {
    text: 'Reconnecting',
    color: 'yellow',
    tip: 'Live updates are interrupted; Muster keeps trying. Reload if this lasts.',
  },
};

export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { text, color, tip } = LABELS[status];
  return (
    <Tooltip label={tip} withArrow>
      <Badge
        variant="dot"
        color={color}
        size="sm"
        role="status"
        aria-label={`Live updates: ${text}`}
        data-live-status={status}
        visibleFrom="xs"
        maw="none"
        style={{ flexShrink: 0 }}
      >
        {text}
      </Badge>
    </Tooltip>
  );
}
