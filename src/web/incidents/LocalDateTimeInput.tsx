import { TextInput, type TextInputProps } from '@mantine/core';

/** A wall-clock time in the user's zone (native datetime-local); convert with fromLocalInput before sending. */
export function LocalDateTimeInput(props: TextInputProps) {
  return <TextInput type="datetime-local" {...props} />;
}
