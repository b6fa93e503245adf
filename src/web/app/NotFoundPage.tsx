import { Button, EmptyState } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <EmptyState
      mt="xl"
      icon={<IconMapQuestion size={32} />}
      withIndicatorBackground
      title="Page not found"
      description="There is nothing at this address. It may have been mistyped, or the link is out of date."
    >
      <EmptyState.Actions>
        <Button component={Link} to="/">
          Go to incidents
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
