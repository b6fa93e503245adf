import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface RemoveModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** What removing it does (and what is kept). */
  children: ReactNode;
  /** The red button ("Remove rule"); "Keep it" closes the dialog. */
  removeLabel: string;
  onRemove: () => void;
  pending: boolean;
}

/** Asks before removing a customised item (a rule, a playbook copy): "Keep it" or remove it. */
export function RemoveModal({ opened, onClose, title, children, removeLabel, onRemove, pending }: RemoveModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        <Text size="sm">{children}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button color="red" loading={pending} onClick={onRemove}>
            {removeLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
