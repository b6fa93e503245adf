import { Alert, Anchor, Collapse, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconBook, IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Incident } from '../../shared/api-types.ts';
import type { Notification } from '../../shared/notification-types.ts';
import type { Playbook, PlaybookStep } from '../../shared/prepare-types.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { ReasonModal } from '../core/ReasonModal.tsx';
import { useIncidentNotifications, useNotificationActions } from '../notifications/notifications-api.ts';
import { RecordAnswerModal } from '../notifications/RecordAnswerModal.tsx';
import { useIncidentTasks } from '../tasks/tasks-api.ts';
import { AskCustomerModal } from './AskCustomerModal.tsx';
import { IncidentStepRow } from './IncidentStepRow.tsx';
import { stepRefOf, stepState } from './incident-step-state.ts';
import { playbookHref } from './playbook-labels.ts';

interface IncidentPlaybooksProps {
  incident: Incident;
  playbooks: Playbook[];
  canAct: boolean;
}

type StepTarget = { step: PlaybookStep; ref: string };

/**
 * The playbooks suggested for the incident, each step marked done as the response goes; steps that need the
 * customer's instruction wait for it (ask, then do), or are overridden with a reason flagged for the review. A
 * playbook applied as tasks is worked in the Tasks panel instead: its steps here give way to a count and a link.
 */
export function IncidentPlaybooks({ incident, playbooks, canAct }: IncidentPlaybooksProps) {
  const notifications = useIncidentNotifications(incident.id);
  const actions = useNotificationActions(incident);
  const [open, setOpen] = useState<Set<string>>(() => new Set(playbooks.length === 1 ? [playbooks[0].slug] : []));
  const [asking, setAsking] = useState<StepTarget | null>(null);
  const [overriding, setOverriding] = useState<StepTarget | null>(null);
  const [answering, setAnswering] = useState<Notification | null>(null);
  const items = notifications.data?.items ?? [];
  const tasks = useIncidentTasks(incident.id, incident.version).data?.items ?? [];
  const applied = new Set(tasks.flatMap((t) => (t.playbookId ? [t.playbookId] : [])));

  const toggle = (slug: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(slug)) next.delete(slug);
      else next.add(slug);
      return next;
    });
  const done = (target: StepTarget) =>
    actions.completeStep.mutate(
      { stepRef: target.ref },
      {
        onSuccess: () => notifySuccess(`“${target.step.title}” is done.`),
        onError: (error) => notifyError(`“${target.step.title}”: not recorded`, error),
      },
    );

  return (
    <Stack gap="sm">
      {playbooks.map((p) => {
        const refs = p.steps.map((s) => stepRefOf(p.slug, s.id));
        const doneCount = refs.filter((ref) => incident.steps[ref]).length;
        const waiting = p.steps.filter((s) => s.needsCustomerInstruction).length;
        const expanded = open.has(p.slug);
        const listId = `playbook-steps-${p.slug}`;
        return (
          <Stack key={p.slug} gap={6} component="section" aria-label={`Playbook: ${p.name}`}>
            <Group gap={6} wrap="nowrap" align="flex-start">
              <IconBook size={15} style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
              <div style={{ flex: 1, minWidth: 0 }}>
                <Anchor component={Link} to={playbookHref(p, incident.customerId)} size="sm" fw={600}>
                  {p.name}
                </Anchor>
                {applied.has(p.slug) ? (
                  <Text size="xs" c="dimmed">
                    Applied as tasks: {tasks.filter((t) => t.playbookId === p.slug && t.status === 'done').length} of{' '}
                    {tasks.filter((t) => t.playbookId === p.slug).length} done —{' '}
                    <Anchor href="#tasks" size="xs">
                      see Tasks
                    </Anchor>
                  </Text>
                ) : (
                  <UnstyledButton onClick={() => toggle(p.slug)} aria-expanded={expanded} aria-controls={listId} display="block">
                    <Group gap={4}>
                      {expanded ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
                      <Text size="xs" c="dimmed">
                        {doneCount} of {p.steps.length} steps done
                        {waiting > 0 && `, ${waiting} wait for the customer`}
                      </Text>
                    </Group>
                  </UnstyledButton>
                )}
              </div>
            </Group>
            <Collapse expanded={expanded && !applied.has(p.slug)} id={listId}>
              <Stack gap="sm" component="ol" pl={0} m={0} style={{ listStyle: 'none' }} aria-label={`Steps of ${p.name}`}>
                {p.steps.map((step) => {
                  const ref = stepRefOf(p.slug, step.id);
                  return (
                    <IncidentStepRow
                      key={step.id}
                      step={step}
                      state={stepState(step, ref, incident, items)}
                      canAct={canAct}
                      pending={actions.completeStep.isPending && actions.completeStep.variables?.stepRef === ref}
                      onDone={() => done({ step, ref })}
                      onAsk={() => setAsking({ step, ref })}
                      onOverride={() => setOverriding({ step, ref })}
                      onRecordAnswer={setAnswering}
                    />
                  );
                })}
              </Stack>
            </Collapse>
          </Stack>
        );
      })}
      <AskCustomerModal target={asking} actions={actions} onClose={() => setAsking(null)} />
      <RecordAnswerModal notification={answering} actions={actions} onClose={() => setAnswering(null)} />
      <ReasonModal
        opened={overriding !== null}
        onClose={() => setOverriding(null)}
        title="Do it without the customer’s instruction"
        label="Why it cannot wait"
        submitLabel="Override and mark done"
        color="orange"
        fields={['overrideReason', 'reason']}
        pending={actions.completeStep.isPending}
        onSubmit={(reason) =>
          actions.completeStep
            .mutateAsync({ stepRef: overriding?.ref ?? '', overrideReason: reason })
            .then(() => notifySuccess('Marked done as an override; it is flagged for the review.'))
        }
      >
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} p="xs">
          <Text size="sm">
            “{overriding?.step.title}” needs the customer’s instruction, and they have not given it. Doing it anyway is recorded
            as an override with your name and reason, and <b>flagged for the review</b>.
          </Text>
        </Alert>
      </ReasonModal>
    </Stack>
  );
}
