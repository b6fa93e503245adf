import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { AllowedTransition, Incident } from '../../shared/api-types.ts';
import type { IncidentStatus } from '../../shared/incident-vocabulary.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
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
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (transition) {
      setReason('');
      setError(null);
    }
  }, [transition]);

  if (!transition) return <Modal opened={false} onClose={onClose} />;
  const label = transitionLabel(transition.from, transition);
  // Someone else moved the incident while this dialog was open: the choice no longer applies.
  const overtaken = incident.status !== transition.from;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (overtaken) return;
    const text = reason.trim();
    if (transition.reasonRequired && !text) {
      setError('Write down why: it is recorded with the decision on the timeline');
      return;
    }
    action.mutate(
      { to: transition.to, reason: text || undefined, expectedVersion: incident.version },
      {
        onSuccess: (next) => {
          notifySuccess(`${next.key} is now ${STATUS_LABELS[next.status].toLowerCase()}`, label);
          onClose();
        },
        onError: (err) => {
          if (isApiError(err, 'invalid') && err.field === 'reason') {
            setError(errorMessage(err));
            return;
          }
          notifyError(`${label}: not done`, err);
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={label} size="lg" centered closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}>
      <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate>
        <Stack gap="md">
          {overtaken && (
            <Alert
              color="yellow"
              variant="light"
              icon={<IconAlertTriangle size={18} />}
              title="The incident moved on"
              role="alert"
            >
              While this was open, someone else moved {incident.key} to {STATUS_LABELS[incident.status].toLowerCase()}. Close this
              dialog and choose again from the current stage.
            </Alert>
          )}
          <Text size="sm">{transitionExplanation(transition.from, transition)}</Text>
          <Textarea
            label={transition.reasonRequired ? 'Reason' : 'Reason (optional)'}
            description="Recorded on the timeline with this step. Ctrl+Enter to confirm."
            required={transition.reasonRequired}
            autosize
            minRows={3}
            maxRows={10}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={action.isPending}
              disabled={overtaken}
              color={transition.to === 'dismissed' ? 'red' : undefined}
            >
              {label}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
