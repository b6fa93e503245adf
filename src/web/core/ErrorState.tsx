import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { errorMessage } from './error-message.ts';
import { formatClock } from './time.ts';

interface ErrorStateProps {
  title: string;
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}

/** A failed load: what went wrong and a way to try again. */
export function ErrorState({ title, error, onRetry, retrying }: ErrorStateProps) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title={title} role="alert">
      <Text size="sm">{errorMessage(error)}</Text>
      {onRetry && (
        <Group mt="sm">
          <Button
            size="xs"
            variant="white"
            color="red"
            leftSection={<IconRefresh size={14} />}
            onClick={onRetry}
            loading={retrying}
          >
            Try again
          </Button>
        </Group>
      )}
    </Alert>
  );
}

interface StaleDataWarningProps {
  error: unknown;
  /** When the data on screen was loaded (ms since the epoch). */
  loadedAt: number;
  onRetry: () => void;
  retrying: boolean;
}

/** A refresh failed: what is on screen is from the last successful load, and may be out of date. */
export function StaleDataWarning({ error, loadedAt, onRetry, retrying }: StaleDataWarningProps) {
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} role="status" p="xs" data-stale>
      <Group gap="xs" justify="space-between" wrap="nowrap" align="center">
        <Text size="sm">
          Not up to date: {errorMessage(error)} Showing what was loaded at{' '}
          <time dateTime={new Date(loadedAt).toISOString()}>{formatClock(new Date(loadedAt).toISOString())}</time>.
        </Text>
        <Button
          size="compact-xs"
          variant="white"
          color="yellow"
          leftSection={<IconRefresh size={14} />}
          onClick={onRetry}
          loading={retrying}
          style={{ flexShrink: 0 }}
        >
          Try again
        </Button>
      </Group>
    </Alert>
  );
}
