import { Skeleton } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorState } from './ErrorState.tsx';

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
 * else `children` with the data.
 */
export function QueryView<T>({ query, loading, errorTitle, empty, isEmpty = isEmptyList, children }: QueryViewProps<T>) {
  if (query.isPending) return typeof loading === 'string' ? <Skeleton h={120} aria-busy aria-label={loading} /> : loading;
  if (query.isError) {
    return <ErrorState title={errorTitle} error={query.error} onRetry={() => query.refetch()} retrying={query.isFetching} />;
  }
  if (empty !== undefined && isEmpty(query.data)) return empty;
  return children(query.data);
}
