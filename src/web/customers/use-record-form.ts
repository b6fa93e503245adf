import { type FormValidateInput, useForm } from '@mantine/form';
import { useState } from 'react';
import { showApiError } from '../core/form-errors.ts';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid } from '../core/submit-shortcut.ts';
import { type RegistryKind, type Stored, useCreateRecord, useUpdateRecord } from './registry-api.ts';

/** Only the fields of `after` that differ from `before` (the record as the form opened it); lists are replaced whole. */
function changedFields<T extends object>(before: T, after: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const field of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(after[field]) !== JSON.stringify(before[field])) changes[field] = after[field];
  }
  return changes;
}

interface RecordFormOptions<R extends Stored, Values, Fields> {
  kind: RegistryKind;
  /** The record to edit (it follows live changes by others), or null to add one. */
  record: R | null;
  /** Whose new record: a customer id, or null for our organisation. */
  customerId: string | null;
  /** The values of a new record. */
  empty: Values;
  valuesOf: (record: R) => Values;
  fieldsOf: (values: Values) => Fields;
  validate: FormValidateInput<Values>;
  /** After a save (or when nothing changed). */
  onDone: () => void;
}

/**
 * The form of a registry record in a dialog (a contact, a service). A new one is created whole; an existing one
 * sends only the fields that differ from the version the form was opened at. When someone else saves it meanwhile,
 * `changedMeanwhile` is set and `loadTheirs` starts again from their version. An API refusal is shown next to the
 * field it names, or above the buttons (`form.errors._api`).
 */
export function useRecordForm<R extends Stored, Values extends Record<string, unknown>, Fields extends { name: string }>(
  options: RecordFormOptions<R, Values, Fields>,
) {
  const { kind, record, customerId, empty, valuesOf, fieldsOf, validate, onDone } = options;
  const create = useCreateRecord<R, Fields & { customerId: string | null }>(kind);
  const update = useUpdateRecord<R, Partial<Fields>>(kind);
  // The record as it was when editing started; `record` follows live changes by others.
  const [base, setBase] = useState(record);
  const form = useForm<Values>({ initialValues: base ? valuesOf(base) : empty, validate });

  const submit = form.onSubmit(async (values) => {
    const fields = fieldsOf(values);
    try {
      if (base) {
        const changes = changedFields(fieldsOf(valuesOf(base)), fields);
        if (Object.keys(changes).length > 0) {
          await update.mutateAsync({ id: base.id, changes, expectedVersion: base.version });
          notifySuccess(`${fields.name} saved`);
        }
      } else {
        await create.mutateAsync({ ...fields, customerId });
        notifySuccess(`${fields.name} added`);
      }
      onDone();
    } catch (error) {
      showApiError(form, error);
    }
  }, focusFirstInvalid);

  const loadTheirs = () => {
    if (!record) return;
    setBase(record);
    form.setValues(valuesOf(record));
    form.resetDirty(valuesOf(record));
    form.clearErrors();
  };

  return {
    form,
    /** Editing an existing record (not adding one). */
    editing: base !== null,
    changedMeanwhile: Boolean(record && base && record.version !== base.version),
    loadTheirs,
    submit,
    pending: create.isPending || update.isPending,
  };
}
