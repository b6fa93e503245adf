import { Text, type TextProps, Tooltip } from '@mantine/core';
import { formatAbsolute, formatRelative } from './time.ts';
import { useNow } from './use-now.ts';

interface RelativeTimeProps extends TextProps {
  value: string;
}

/** "5 minutes ago", with the exact time in the user's zone on hover (and machine-readable in dateTime). */
export function RelativeTime({ value, ...textProps }: RelativeTimeProps) {
  useNow(); // re-render as time passes
  const absolute = formatAbsolute(value);
  return (
    <Tooltip label={absolute} openDelay={300} withArrow>
      <Text component="time" dateTime={value} inherit {...textProps}>
        {formatRelative(value)}
      </Text>
    </Tooltip>
  );
}
