import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconHandStop } from '@tabler/icons-react';
import { INCIDENT_ROLE_LABELS } from '../../shared/incident-vocabulary.ts';
import type { PlaybookStep } from '../../shared/prepare-types.ts';
import { Markdown } from '../core/Markdown.tsx';
import { dueWords } from '../tasks/task-labels.ts';
import { PHASE_COLORS, PHASE_LABELS, PLAYBOOK_PHASES } from './playbook-labels.ts';

/** A playbook's steps read-only, grouped by phase. */
export function PlaybookStepsView({ steps }: { steps: PlaybookStep[] }) {
  return (
    <Stack gap="lg">
      {PLAYBOOK_PHASES.map((phase) => {
        const inPhase = steps.filter((s) => s.phase === phase);
        if (inPhase.length === 0) return null;
        return (
          <Stack key={phase} gap="xs" component="section" aria-label={`${PHASE_LABELS[phase]} steps`}>
            <Badge color={PHASE_COLORS[phase]} variant="light" size="lg">
              {PHASE_LABELS[phase]}
            </Badge>
            {inPhase.map((step, n) => (
              <Paper key={step.id} withBorder radius="md" p="sm">
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                  <Title order={3} fz="sm" fw={600} style={{ flex: 1, minWidth: 0 }}>
                    {n + 1}. {step.title}
                  </Title>
                  <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                    {step.needsCustomerInstruction && (
                      <Badge size="sm" color="orange" variant="light" leftSection={<IconHandStop size={12} />}>
                        Waits for customer
                      </Badge>
                    )}
                    {step.due && (
                      <Badge size="sm" color="blue" variant="light" tt="none">
                        Due {dueWords(step.due)}
                      </Badge>
                    )}
                    <Badge size="sm" variant="outline" color="gray" tt="none">
                      {INCIDENT_ROLE_LABELS[step.role] ?? step.role}
                    </Badge>
                  </Group>
                </Group>
                {step.detail && <Markdown>{step.detail}</Markdown>}
                {step.record.length > 0 && (
                  <>
                    <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="xs">
                      Record
                    </Text>
                    <List size="sm" spacing={0}>
                      {step.record.map((r) => (
                        <List.Item key={r}>{r}</List.Item>
                      ))}
                    </List>
                  </>
                )}
              </Paper>
            ))}
          </Stack>
        );
      })}
    </Stack>
  );
}
