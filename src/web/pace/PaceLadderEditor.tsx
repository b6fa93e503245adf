import { Alert, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import {
  type Contact,
  PACE_PURPOSE_LABELS,
  type PaceLevel,
  type PacePlan,
  type PacePurpose,
} from '../../shared/prepare-types.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { FormActions } from '../core/FormActions.tsx';
import { apiErrorPath } from '../core/form-errors.ts';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { PaceLevelFields } from './PaceLevelFields.tsx';
import { useSavePacePlan } from './pace-api.ts';
import { fromLadderForm, type LadderFormValues, toLadderForm, validateLevel } from './pace-form-values.ts';

interface PaceLadderEditorProps {
  customerId: string | null;
  purpose: PacePurpose;
  /** The plan being changed; undefined to create one (e.g. a customer-specific copy of the default). */
  plan: PacePlan | undefined;
  /** What the form starts from: the plan's levels, or the default ladder's. */
  startFrom: readonly PaceLevel[];
  contacts: readonly Contact[];
  onDone: () => void;
}

/** The ladder as a form: four levels, each a contact's channel or an instruction, with its move-on rule. */
export function PaceLadderEditor({ customerId, purpose, plan, startFrom, contacts, onDone }: PaceLadderEditorProps) {
  const save = useSavePacePlan();
  const form = useForm<LadderFormValues>({
    initialValues: toLadderForm(startFrom),
    validate: (values) => {
      const errors: Record<string, string> = {};
      values.levels.forEach((row, i) => {
        for (const [field, message] of Object.entries(validateLevel(row, contacts))) errors[`levels.${i}.${field}`] = message;
      });
      if (values.levels.every((l) => l.mode === 'none')) errors['levels.0.mode'] = 'Set at least the primary level';
      return errors;
    },
  });

  const submit = form.onSubmit((values) => {
    const { levels, rows } = fromLadderForm(values);
    save.mutate(
      { id: plan?.id, customerId, purpose, levels, expectedVersion: plan?.version },
      {
        onSuccess: (saved) => {
          const warnings = saved.warnings.length;
          notifySuccess(
            warnings ? `Saved with ${warnings} warning${warnings === 1 ? '' : 's'}: see the list above the ladder.` : 'Saved.',
            `${PACE_PURPOSE_LABELS[purpose]}: ladder saved`,
          );
          onDone();
        },
        onError: (error) => {
          const path = apiErrorPath(error);
          const match = path?.match(/^levels\.(\d+)\.(\w+)/);
          if (match) {
            const field = `levels.${rows[Number(match[1])] ?? match[1]}.${match[2]}`;
            form.setFieldError(field, errorMessage(error));
            form.getInputNode(field)?.focus();
          }
        },
      },
    );
  }, focusFirstInvalid);

  const conflict = isApiError(save.error, 'conflict');
  const placed = apiErrorPath(save.error)?.startsWith('levels.');
  const noLevelError = form.errors['levels.0.mode'];

  return (
    <form
      onSubmit={submit}
      onKeyDown={submitOnModEnter}
      noValidate
      aria-label={`Edit the ladder to ${PACE_PURPOSE_LABELS[purpose].toLowerCase()}`}
    >
      <Stack gap="sm">
        {contacts.length === 0 && (
          <Alert color="blue" variant="light" title="No contacts yet">
            Add contacts with their channels first (the Contacts tab); a level can also be an instruction carried out by hand.
          </Alert>
        )}
        {form.values.levels.map((row, index) => (
          <PaceLevelFields key={row.level} form={form} index={index} contacts={contacts} customerId={customerId} />
        ))}
        {noLevelError && (
          <Text c="red" size="sm" role="alert">
            {noLevelError}
          </Text>
        )}
        {save.isError && !placed && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="The ladder was not saved" role="alert">
            {conflict
              ? 'Someone else changed this ladder while you were editing. Cancel to see their version, then make your change again.'
              : errorMessage(save.error)}
          </Alert>
        )}
        <FormActions onCancel={onDone} pending={save.isPending} submitLabel={plan ? 'Save ladder' : 'Create ladder'} />
      </Stack>
    </form>
  );
}
