import { Button, Menu, Text } from '@mantine/core';
import { IconBook, IconChevronDown } from '@tabler/icons-react';
import type { ApplicablePlaybook } from '../../shared/task-types.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import type { TaskActions } from './tasks-api.ts';

interface ApplyPlaybookMenuProps {
  playbooks: ApplicablePlaybook[];
  actions: TaskActions;
  /** The button's look: the panel's header (subtle) or an empty panel's main action. */
  variant?: 'default' | 'filled';
}

/** "Apply playbook": the playbooks for the incident's category first, then the others; an applied one is spent. */
export function ApplyPlaybookMenu({ playbooks, actions, variant = 'default' }: ApplyPlaybookMenuProps) {
  const suggested = playbooks.filter((p) => p.suggested);
  const others = playbooks.filter((p) => !p.suggested);
  const apply = (p: ApplicablePlaybook) =>
    actions.apply.mutate(p.id, {
      onSuccess: ({ tasks }) => notifySuccess(`${tasks.length} tasks from “${p.name}”, by phase.`, 'Playbook applied'),
      onError: (error) => notifyError(`“${p.name}” was not applied`, error),
    });
  const item = (p: ApplicablePlaybook) => (
    <Menu.Item
      key={p.id}
      disabled={p.applied}
      onClick={() => apply(p)}
      rightSection={
        <Text size="xs" c="dimmed">
          {p.applied ? 'applied' : `${p.steps} steps`}
        </Text>
      }
    >
      {p.name}
    </Menu.Item>
  );
  return (
    <Menu position="bottom-end" shadow="md" withinPortal>
      <Menu.Target>
        <Button
          size="xs"
          variant={variant}
          leftSection={<IconBook size={14} aria-hidden />}
          rightSection={<IconChevronDown size={12} aria-hidden />}
          loading={actions.apply.isPending}
          disabled={playbooks.length === 0}
        >
          Apply playbook
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={380} style={{ overflowY: 'auto' }}>
        {suggested.length > 0 && <Menu.Label>For this incident’s category</Menu.Label>}
        {suggested.map(item)}
        {suggested.length > 0 && others.length > 0 && <Menu.Divider />}
        {others.length > 0 && <Menu.Label>{suggested.length ? 'Other playbooks' : 'Playbooks'}</Menu.Label>}
        {others.map(item)}
      </Menu.Dropdown>
    </Menu>
  );
}
