import { Button, Group, Kbd, type MantineSpacing, Text } from '@mantine/core';

interface FormActionsProps {
  submitLabel: string;
  pending: boolean;
  disabled?: boolean;
  onCancel: () => void;
  /** A form long enough to scroll (in a dialog): the hint says the shortcut works from any field, on wide screens only. */
  fromAnywhere?: boolean;
  mt?: MantineSpacing;
}

/** Under a form: the Ctrl+Enter hint on the left, Cancel and the submit button on the right. */
export function FormActions({ submitLabel, pending, disabled, onCancel, fromAnywhere, mt }: FormActionsProps) {
  return (
    <Group justify="space-between" mt={mt}>
      <Text size="xs" c="dimmed" visibleFrom={fromAnywhere ? 'sm' : undefined}>
        <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> {fromAnywhere ? 'saves from anywhere in the form' : 'saves'}
      </Text>
      <Group>
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={pending} disabled={disabled}>
          {submitLabel}
        </Button>
      </Group>
    </Group>
  );
}
