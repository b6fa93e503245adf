import { Accordion, Badge, Group, Text } from '@mantine/core';
import type { Playbook } from '../../shared/prepare-types.ts';
import { PlaybookSourceBadge } from '../playbooks/PlaybookSourceBadge.tsx';
import { PlaybookStepsView } from '../playbooks/PlaybookStepsView.tsx';

/** The playbooks in force when the plan was published, each opening into its steps. */
export function SnapshotPlaybooks({ playbooks }: { playbooks: Playbook[] }) {
  if (playbooks.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No playbooks.
      </Text>
    );
  return (
    <Accordion variant="separated" chevronPosition="left">
      {playbooks.map((p) => {
        const source = p.customerId ? 'customer' : p.createdAt ? 'organisation' : 'library';
        return (
          <Accordion.Item key={p.slug} value={p.slug}>
            <Accordion.Control>
              <Group justify="space-between" wrap="nowrap" pr="sm">
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Text size="sm" fw={600}>
                    {p.name}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {p.summary}
                  </Text>
                </div>
                <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                  <PlaybookSourceBadge source={source} size="sm" />
                  <Badge size="sm" variant="outline" color="gray">
                    v{p.version} · {p.steps.length} steps
                  </Badge>
                </Group>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <PlaybookStepsView steps={p.steps} />
            </Accordion.Panel>
          </Accordion.Item>
        );
      })}
    </Accordion>
  );
}
