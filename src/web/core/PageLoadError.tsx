import { Button, EmptyState, Stack } from '@mantine/core';
import { IconArrowLeft, IconSearch } from '@tabler/icons-react';
import { Link } from 'react-router';
import { isApiError } from './api.ts';
import { ErrorState } from './ErrorState.tsx';

interface PageLoadErrorProps {
  /** The query whose load failed. */
  query: { error: unknown; refetch: () => unknown; isFetching: boolean };
  /** Heading when it failed for another reason than "not found" (offers to try again). */
  title: string;
  /** What to say when the API answered `not_found`, and where to go instead. */
  notFound: { title: string; description: string; backTo: string; backLabel: string; action?: React.ReactNode };
}

/** A record page that could not load its record: "not found" with a way back, or the error with "Try again". */
export function PageLoadError({ query, title, notFound }: PageLoadErrorProps) {
  if (isApiError(query.error, 'not_found')) {
    return (
      <EmptyState
        mt="xl"
        icon={<IconSearch size={30} />}
        withIndicatorBackground
        title={notFound.title}
        description={notFound.description}
      >
        <EmptyState.Actions>
          <Button component={Link} to={notFound.backTo} leftSection={<IconArrowLeft size={16} />}>
            {notFound.backLabel}
          </Button>
          {notFound.action}
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  return (
    <Stack maw={900} mx="auto">
      <ErrorState title={title} error={query.error} onRetry={() => query.refetch()} retrying={query.isFetching} />
    </Stack>
  );
}
