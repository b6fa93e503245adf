import { Skeleton, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorState, StaleDataWarning } from './ErrorState.tsx';

interface QueryViewProps<T> {
  /** The query whose data to show. */
  query: UseQueryResult<T>;
  /** Shown while it loads: a skeleton, or the label of a plain one ("Loading silences"). */
  loading: React.ReactNode;
  /** Heading of the error shown when the load fails, with "Try again". */
  errorTitle: string;
  /** Shown instead of `children` when the data is empty. */
  empty?: React.ReactNode;
  /** Whether the data counts as empty; by default, when it is an empty list. */
  isEmpty?: (data: T) => boolean;
  children: (data: T) => React.ReactNode;
}

const isEmptyList = (data: unknown) => Array.isArray(data) && data.length === 0;

/**
 * A query's state: `loading` while it loads, the error with "Try again" if it failed, `empty` when there is nothing,
 * else `children` with the data. When a refresh fails after a load succeeded (the server went away for a moment), the
 * data loaded before stays on screen under a warning, rather than vanishing behind the error.
 */
export function QueryView<T>({ query, loading, errorTitle, empty, isEmpty = isEmptyList, children }: QueryViewProps<T>) {
  if (query.isPending) return typeof loading === 'string' ? <Skeleton h={120} aria-busy aria-label={loading} /> : loading;
  const retry = () => void query.refetch();
  if (query.isError && query.data === undefined) {
    return <ErrorState title={errorTitle} error={query.error} onRetry={retry} retrying={query.isFetching} />;
  }
  const data = query.data as T;
  const body = empty !== undefined && isEmpty(data) ? empty : children(data);
  if (!query.isError) return body;
  return (
    <Stack gap="sm">
      <StaleDataWarning error={query.error} loadedAt={query.dataUpdatedAt} onRetry={retry} retrying={query.isFetching} />
      {body}
    </Stack>
  );
}
