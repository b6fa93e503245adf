import { Code, Modal, Stack, TagsInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { Tlp } from '../../shared/incident-vocabulary.ts';
import { MAX_OBSERVABLE_TAGS, OBSERVABLE_TYPE_LABELS, type Observable } from '../../shared/observable-types.ts';
import { errorMessage } from '../core/error-message.ts';
import { FormActions } from '../core/FormActions.tsx';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
import { TlpSelect } from '../incidents/TlpSelect.tsx';
import type { ObservableActions } from './observables-api.ts';

/** Changes an observable's tags, TLP or description (its value and type stay: add the right one instead). */
export function EditObservableModal({
  observable,
  actions,
  onClose,
}: {
  observable: Observable | null;
  actions: ObservableActions;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={observable !== null}
      onClose={onClose}
      title={observable ? `Edit ${OBSERVABLE_TYPE_LABELS[observable.type]}` : ''}
      centered
      closeButtonProps={{ 'aria-label': 'Dismiss dialog' }}
    >
      {observable && <EditForm observable={observable} actions={actions} onClose={onClose} />}
    </Modal>
  );
}

function EditForm({
  observable: o,
  actions,
  onClose,
}: {
  observable: Observable;
  actions: ObservableActions;
  onClose: () => void;
}) {
  const [tags, setTags] = useState(o.tags);
  const [tlp, setTlp] = useState<Tlp>(o.tlp);
  const [description, setDescription] = useState(o.description);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    actions.change.mutate(
      { id: o.id, changes: { tags, tlp, description } },
      { onSuccess: onClose, onError: (e) => setError(errorMessage(e)) },
    );
  };

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label={`Edit ${o.value}`}>
      <Stack gap="sm">
        <Code block style={{ wordBreak: 'break-all' }}>
          {o.value}
        </Code>
        <TagsInput label="Tags" value={tags} onChange={setTags} maxTags={MAX_OBSERVABLE_TAGS} clearable data-autofocus />
        <TlpSelect value={tlp} onChange={(v) => v && setTlp(v as Tlp)} />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <NotSavedAlert error={error} />
        <FormActions submitLabel="Save" pending={actions.change.isPending} onCancel={onClose} />
      </Stack>
    </form>
  );
}
