import { Badge, Group, Text } from '@mantine/core';
import { useNow } from '../core/use-now.ts';
import { formatDate } from './plan-format.ts';

const DAY = 86_400_000;

/** The review date, with a red "overdue" badge when it has passed (and an orange one when it is close). */
export function ReviewByBadge({ reviewBy, overdue }: { reviewBy: string; overdue: boolean }) {
  const now = useNow();
  const days = Math.ceil((Date.parse(reviewBy) - now) / DAY);
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" component="time" dateTime={reviewBy}>
        {formatDate(reviewBy)}
      </Text>
      {overdue ? (
        <Badge color="red" size="sm" variant="filled">
          Overdue
        </Badge>
      ) : days <= 30 && days >= 0 ? (
        <Badge color="orange" size="sm" variant="light">
          in {days} day{days === 1 ? '' : 's'}
        </Badge>
      ) : null}
    </Group>
  );
}
