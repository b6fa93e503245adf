import { Button, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowRight, IconBan, IconRotate } from '@tabler/icons-react';
import { useState } from 'react';
import type { AllowedTransition, Incident } from '../../shared/api-types.ts';
import { isForward, transitionLabel } from './incident-labels.ts';
import type { useIncidentActions } from './incidents-api.ts';
import { type ChosenTransition, TransitionModal } from './TransitionModal.tsx';

interface TransitionActionsProps {
  incident: Incident;
  action: ReturnType<typeof useIncidentActions>['transition'];
}

function iconFor(t: AllowedTransition, from: Incident['status'], forward: boolean) {
  if (t.to === 'dismissed') return <IconBan size={16} />;
  if (!forward || from === 'closed' || from === 'dismissed') return <IconRotate size={16} />;
  return <IconArrowRight size={16} />;
}

/** One button per move the server allows from here; blocked moves say what is missing. */
export function TransitionActions({ incident, action }: TransitionActionsProps) {
  const [chosen, setChosen] = useState<ChosenTransition | null>(null);
  const transitions = incident.allowedTransitions;
  if (transitions.length === 0) return null;

  return (
    <Stack gap="xs">
      {transitions.map((t) => {
        const forward = isForward(t, incident.status);
        const label = transitionLabel(incident.status, t);
        // Open obligation clocks do not grey out Close: its dialog lists them with their actions.
        const clocks = t.openClocks?.length ?? 0;
        const blocked = Boolean(t.blockedBy) && clocks === 0;
        const button = (
          <Button
            fullWidth
            justify="space-between"
            rightSection={iconFor(t, incident.status, forward)}
            variant={forward ? 'filled' : 'light'}
            color={t.to === 'dismissed' ? 'red' : forward ? undefined : 'gray'}
            data-disabled={blocked || undefined}
            aria-disabled={blocked || undefined}
            aria-describedby={blocked ? `blocked-${t.to}` : undefined}
            onClick={(e) => {
              if (blocked) {
                e.preventDefault();
                return;
              }
              setChosen({ ...t, from: incident.status });
            }}
          >
            {label}
          </Button>
        );
        return (
          <div key={t.to}>
            {blocked ? (
              <Tooltip label={t.blockedBy} multiline w={260} withArrow position="left">
                {button}
              </Tooltip>
            ) : (
              button
            )}
            {blocked && (
              <Text id={`blocked-${t.to}`} size="xs" c="dimmed" mt={4}>
                {t.blockedBy}
              </Text>
            )}
            {clocks > 0 && (
              <Text size="xs" c="orange" mt={4}>
                {clocks} obligation clock{clocks === 1 ? '' : 's'} still open: meet or waive {clocks === 1 ? 'it' : 'each'} before
                closing
              </Text>
            )}
          </div>
        );
      })}
      <TransitionModal incident={incident} transition={chosen} action={action} onClose={() => setChosen(null)} />
    </Stack>
  );
}
