import { Badge, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { type ObligationDefinition, PACE_PURPOSE_LABELS } from '../../shared/prepare-types.ts';
import { stageDeadlineWords, triggerWords } from './obligation-words.ts';

function Label({ children }: { children: React.ReactNode }) {
  return (
    <Text size="xs" tt="uppercase" fw={700} c="dimmed" lts={0.3}>
      {children}
    </Text>
  );
}

/** An obligation's rule in words: who is told, when it applies, each stage's deadline, and what to include. */
export function ObligationDetails({ definition }: { definition: ObligationDefinition }) {
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="sm">
        <Stack gap={4}>
          <Label>Applies when</Label>
          <List size="sm" spacing={2}>
            {triggerWords(definition.trigger).map((words) => (
              <List.Item key={words}>{words}</List.Item>
            ))}
          </List>
          {definition.trigger.length > 1 && (
            <Text size="xs" c="dimmed">
              All of these must hold.
            </Text>
          )}
        </Stack>
        <Stack gap={4}>
          <Label>Who is told</Label>
          <Text size="sm">{definition.recipient || '—'}</Text>
          <Group gap={6}>
            <Text size="xs" c="dimmed">
              Delivered with the ladder:
            </Text>
            <Badge size="xs" variant="light" color="gray">
              {PACE_PURPOSE_LABELS[definition.pacePurpose] ?? definition.pacePurpose}
            </Badge>
          </Group>
        </Stack>
      </SimpleGrid>
      <Stack gap={4}>
        <Label>Deadlines</Label>
        <Stack gap={6}>
          {definition.stages.map((stage, i) => (
            <Group key={stage.id} gap="xs" wrap="nowrap" align="flex-start">
              <Badge size="sm" variant="light" circle style={{ flexShrink: 0 }}>
                {i + 1}
              </Badge>
              <div>
                <Text size="sm">
                  <b>{stage.name}</b>: {stage.wording ?? stageDeadlineWords(stage, definition.stages)}
                </Text>
                {stage.wording && (
                  <Text size="xs" c="dimmed">
                    Clock: {stageDeadlineWords(stage, definition.stages)}
                  </Text>
                )}
              </div>
            </Group>
          ))}
        </Stack>
      </Stack>
      {definition.requiredContent.length > 0 && (
        <Stack gap={4}>
          <Label>The report must contain</Label>
          <List size="sm" spacing={2}>
            {definition.requiredContent.map((item) => (
              <List.Item key={item}>{item}</List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Stack>
  );
}
