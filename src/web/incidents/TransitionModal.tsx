import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { AllowedTransition, Incident } from '../../shared/api-types.ts';
import type { IncidentStatus } from '../../shared/incident-vocabulary.ts';
import { notifySuccess } from '../core/notify.ts';
import { ReasonModal } from '../core/ReasonModal.tsx';
import { OpenClocksBeforeClose, openClocksOf } from '../plans/OpenClocksBeforeClose.tsx';
import { STATUS_LABELS, transitionExplanation, transitionLabel } from './incident-labels.ts';
import type { useIncidentActions } from './incidents-api.ts';

/** A move as it was offered when the user clicked it: from the stage the incident was in then. */
export interface ChosenTransition extends AllowedTransition {
  from: IncidentStatus;
}

interface TransitionModalProps {
  incident: Incident;
  transition: ChosenTransition | null;
  action: ReturnType<typeof useIncidentActions>['transition'];
  onClose: () => void;
}

/** Asks for the reason behind a stage change (a decision point's "why"), then makes it. */
export function TransitionModal({ incident, transition, action, onClose }: TransitionModalProps) {
  if (!transition) return null;
  const label = transitionLabel(transition.from, transition);
  // Someone else moved the incident while this dialog was open: the choice no longer applies.
  const overtaken = incident.status !== transition.from;
  // Closing waits for the obligation clocks, which can be met or waived from here; the incident is the live one.
  const closing = transition.to === 'closed' && !overtaken;
  const clocksOpen = closing && openClocksOf(incident).length > 0;
  // What else blocks the move now (someone may have removed the incident manager while this was open); the open
  // clocks of a close are listed below with their actions instead, and once they are met what is left (the review).
  const current = incident.allowedTransitions.find((t) => t.to === transition.to)?.blockedBy ?? null;
  const blocked = overtaken || clocksOpen ? null : current;
  return (
    <ReasonModal
      opened
      onClose={onClose}
      title={label}
      submitLabel={label}
      color={transition.to === 'dismissed' ? 'red' : undefined}
      description="Recorded on the timeline with this step. Ctrl+Enter to confirm."
      reasonOptional={!transition.reasonRequired}
      submitDisabled={overtaken || blocked !== null || clocksOpen}
      pending={action.isPending}
      onSubmit={(reason) =>
        action
          .mutateAsync({ to: transition.to, reason: reason || undefined, expectedVersion: incident.version })
          .then((next) => notifySuccess(`${next.key} is now ${STATUS_LABELS[next.status].toLowerCase()}`, label))
      }
    >
      {overtaken && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="The incident moved on" role="alert">
          While this was open, someone else moved {incident.key} to {STATUS_LABELS[incident.status].toLowerCase()}. Close this
          dialog and choose again from the current stage.
        </Alert>
      )}
      {blocked && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Not yet" role="alert">
          {blocked}
        </Alert>
      )}
      <Text size="sm">{transitionExplanation(transition.from, transition)}</Text>
      {closing && <OpenClocksBeforeClose incident={incident} />}
    </ReasonModal>
  );
}
