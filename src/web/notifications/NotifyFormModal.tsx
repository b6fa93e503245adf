import { Checkbox, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { Incident } from '../../shared/api-types.ts';
import { type IncidentPlan, PACE_PURPOSES, type PacePurpose } from '../../shared/prepare-types.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { FormActions } from '../core/FormActions.tsx';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { purposeLabel } from './notification-labels.ts';
import type { NotificationActions } from './notifications-api.ts';

interface NotifyValues {
  purpose: PacePurpose;
  subject: string;
  body: string;
  /** "obligationId/stageId" or "". */
  stageRef: string;
  draft: boolean;
}

interface NotifyFormModalProps {
  opened: boolean;
  onClose: () => void;
  incident: Incident;
  plan: IncidentPlan | null | undefined;
  actions: NotificationActions;
}

/** The obligation stages this notification may submit: those that apply now and are neither met nor waived. */
function openStages(plan: IncidentPlan | null | undefined, incident: Incident) {
  return (plan?.obligations ?? [])
    .filter((o) => o.applies)
    .flatMap((o) =>
      o.stages
        .filter((s) => !incident.submissions[`${o.obligationId}/${s.stageId}`] && s.status !== 'waived')
        .map((s) => ({
          value: `${o.obligationId}/${s.stageId}`,
          label: `${o.obligation.definition.name} — ${s.name}`,
          purpose: o.obligation.definition.pacePurpose,
        })),
    );
}

/** "Notify…": a message up the PACE ladder of a purpose, optionally as the submission of an obligation stage. */
export function NotifyFormModal({ opened, onClose, ...rest }: NotifyFormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Notify" size="lg" closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}>
      {opened && <NotifyForm onClose={onClose} {...rest} />}
    </Modal>
  );
}

function NotifyForm({ onClose, incident, plan, actions }: Omit<NotifyFormModalProps, 'opened'>) {
  const stages = openStages(plan, incident);
  const withLadder = new Set(plan?.pacePlans.filter((p) => p.levels.length > 0).map((p) => p.purpose));
  const form = useForm<NotifyValues & { _api?: string }>({
    initialValues: { purpose: 'notify-customer', subject: '', body: '', stageRef: '', draft: false },
  });

  const submit = form.onSubmit((values) => {
    const [obligationId, stageId] = values.stageRef ? values.stageRef.split('/') : [undefined, undefined];
    actions.send.mutate(
      {
        purpose: values.purpose,
        subject: values.subject.trim() || undefined,
        body: values.body.trim() || undefined,
        obligationId,
        stageId,
        draft: values.draft || undefined,
      },
      {
        onSuccess: () => {
          notifySuccess(
            values.draft
              ? 'It waits at the top of the panel for one click to send.'
              : 'It walks the PACE ladder until someone acknowledges.',
            values.draft ? 'Draft prepared' : 'Notification sent',
          );
          onClose();
        },
        onError: (error) => {
          if (isApiError(error) && (error.field === 'obligationId' || error.field === 'stageId')) {
            form.setFieldError('stageRef', errorMessage(error));
          } else showApiError(form, error);
        },
      },
    );
  }, focusFirstInvalid);

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Notify">
      <Stack gap="md">
        <Select
          label="Purpose"
          description="Which PACE ladder of the customer’s plan the message walks"
          data={PACE_PURPOSES.map((p) => ({
            value: p,
            label: plan && !withLadder.has(p) ? `${purposeLabel(p)} (no ladder in the plan)` : purposeLabel(p),
          }))}
          allowDeselect={false}
          required
          data-autofocus
          {...form.getInputProps('purpose')}
        />
        <TextInput
          label="Subject"
          placeholder="{{incident.key}}: {{incident.title}}"
          description="Leave empty for the default. {{incident.key}}, {{incident.title}} and {{incident.description}} are filled in."
          maxLength={300}
          {...form.getInputProps('subject')}
        />
        <Textarea
          label="Message"
          placeholder={'A security incident concerns you.\n\n{{incident.description}}'}
          description="Leave empty for the default. Every message carries a link to acknowledge it."
          autosize
          minRows={4}
          maxRows={14}
          {...form.getInputProps('body')}
        />
        <Select
          label="This submits obligation stage"
          description={
            stages.length
              ? 'Optional. Once delivered, this notification is recorded as that stage’s submission and its clock stops.'
              : 'No applying obligation stage is waiting for a submission.'
          }
          placeholder={stages.length ? 'None' : 'Nothing to submit'}
          data={stages.map(({ value, label }) => ({ value, label }))}
          disabled={stages.length === 0}
          clearable
          {...form.getInputProps('stageRef')}
          value={form.values.stageRef || null}
          onChange={(value) => {
            form.setFieldValue('stageRef', value ?? '');
            const stage = stages.find((s) => s.value === value);
            if (stage) form.setFieldValue('purpose', stage.purpose);
          }}
        />
        <Checkbox label="Prepare it only; send later with one click" {...form.getInputProps('draft', { type: 'checkbox' })} />
        <NotSavedAlert error={form.errors._api} />
        <FormActions
          submitLabel={form.values.draft ? 'Prepare draft' : 'Send notification'}
          pending={actions.send.isPending}
          onCancel={onClose}
        />
      </Stack>
    </form>
  );
}
