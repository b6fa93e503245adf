import { Button, List, Text } from '@mantine/core';
import { IconGavel } from '@tabler/icons-react';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import type { ObligationDefinition } from '../../shared/prepare-types.ts';
import { notifySuccess } from '../core/notify.ts';
import { ReasonModal } from '../core/ReasonModal.tsx';
import { useRecordDetermination } from '../incidents/incidents-api.ts';
import { determinationWords, triggerWords } from '../obligations/obligation-words.ts';

interface DeterminationButtonProps {
  incident: Incident;
  /** The determination, e.g. "significant" (NIS2), "major" (DORA), "high-risk-to-data-subjects" (GDPR Art. 34). */
  name: string;
  /** The switched-on obligations that wait for it. */
  waiting: ObligationDefinition[];
}

/**
 * "Determine: significant…": asks why, then records the determination on the incident. It is made once, stays on the
 * timeline, and starts the clocks of the obligations waiting for it (when their other conditions hold too).
 */
export function DeterminationButton({ incident, name, waiting }: DeterminationButtonProps) {
  const [opened, setOpened] = useState(false);
  const determine = useRecordDetermination(incident);
  const words = determinationWords(name);
  const label = `Determine: ${words}`;

  return (
    <>
      <Button
        size="compact-sm"
        variant="light"
        leftSection={<IconGavel size={14} />}
        onClick={() => setOpened(true)}
        // The determination's words can be long: on a phone the label wraps instead of widening the page.
        maw="100%"
        h="auto"
        py={4}
        styles={{ label: { whiteSpace: 'normal', textAlign: 'start' } }}
      >
        {label}…
      </Button>
      <ReasonModal
        opened={opened}
        onClose={() => setOpened(false)}
        title={label}
        submitLabel={label}
        description="Why the incident is determined so: the criteria met and who decided. Ctrl+Enter to confirm."
        pending={determine.isPending}
        onSubmit={(reason) =>
          determine
            .mutateAsync({ name, reason })
            .then((next) =>
              notifySuccess(
                'The obligations waiting for it start their clocks: see the plan panel.',
                `${next.key}: determined ${words}`,
              ),
            )
        }
      >
        <Text size="sm">
          Record that {incident.key} is <b>{words}</b>. It is made once and stays on the timeline with your name and reason. It
          starts the clocks of:
        </Text>
        <List size="sm" spacing={6}>
          {waiting.map((definition) => (
            <List.Item key={definition.id}>
              <Text size="sm" fw={600} span>
                {definition.name}
              </Text>
              <Text size="xs" c="dimmed">
                Applies when: {triggerWords(definition.trigger).join('; ')}
              </Text>
            </List.Item>
          ))}
        </List>
      </ReasonModal>
    </>
  );
}
