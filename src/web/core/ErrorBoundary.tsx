import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconList, IconRefresh } from '@tabler/icons-react';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Link } from 'react-router';

interface ErrorBoundaryProps {
  children: ReactNode;
}

interface ErrorBoundaryState {
  error: Error | null;
}

/**
 * Catches a rendering error in the page below it, so one broken part shows an alert instead of a blank app (the
 * header and navigation stay usable). A class because React offers error boundaries only to classes; give it a
 * `key` (the path) so that navigating away starts over.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('The page failed to render', error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Stack maw={900} mx="auto">
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="This page failed to show" role="alert">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {error.message || 'Something went wrong while showing it.'}
          </Text>
          <Group mt="sm" gap="xs">
            <Button size="xs" color="red" leftSection={<IconRefresh size={14} />} onClick={() => window.location.reload()}>
              Reload
            </Button>
            <Button
              size="xs"
              variant="default"
              component={Link}
              to="/"
              leftSection={<IconList size={14} />}
              // On the list itself the path does not change: start over here too.
              onClick={() => this.setState({ error: null })}
            >
              Go to incidents
            </Button>
          </Group>
        </Alert>
      </Stack>
    );
  }
}
