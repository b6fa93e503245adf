import { Button, Code, Group, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Tlp } from '../../shared/incident-vocabulary.ts';
import {
  MAX_OBSERVABLE_TAGS,
  OBSERVABLE_TYPE_LABELS,
  OBSERVABLE_TYPES,
  type ObservableType,
} from '../../shared/observable-types.ts';
import { normaliseObservable } from '../../shared/observable-values.ts';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { TlpSelect } from '../incidents/TlpSelect.tsx';
import type { ObservableActions } from './observables-api.ts';

const AUTO = 'auto';
const TYPE_DATA = [
  { value: AUTO, label: 'Detect from the value' },
  ...OBSERVABLE_TYPES.map((t) => ({ value: t, label: OBSERVABLE_TYPE_LABELS[t] })),
];

/**
 * Adding an observable: paste the value and press Enter. The type is detected from the value unless chosen, and
 * what will be stored (normalised by the same rule as the server's) is shown while typing.
 */
export function AddObservableForm({ actions, incidentTlp }: { actions: ObservableActions; incidentTlp: Tlp }) {
  const [value, setValue] = useState('');
  const [type, setType] = useState<string>(AUTO);
  const [tags, setTags] = useState<string[]>([]);
  const [tlp, setTlp] = useState<Tlp>(incidentTlp);
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [apiError, setApiError] = useState<string | null>(null);

  const chosen = type === AUTO ? undefined : (type as ObservableType);
  const preview = value.trim() ? normaliseObservable(value, chosen) : null;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!preview) {
      setErrors({ value: 'Paste or type the indicator: an IP address, domain, URL, hash, e-mail address…' });
      return;
    }
    if (!preview.ok) {
      setErrors({ [preview.field]: preview.message });
      return;
    }
    actions.add.mutate(
      { type: preview.type, value, tags, tlp, description: description.trim() || undefined },
      {
        onSuccess: (added) => {
          const again = added.createdAt !== added.updatedAt;
          notifySuccess(
            again
              ? `${added.value} was already on this incident: recorded as seen again.`
              : `${OBSERVABLE_TYPE_LABELS[added.type]} ${added.value} was added.`,
          );
          setValue('');
          setType(AUTO);
          setDescription('');
          setApiError(null);
        },
        onError: (error) => {
          if (isApiError(error) && error.field && ['value', 'type', 'tags', 'tlp'].includes(error.field)) {
            setErrors({ [error.field]: errorMessage(error) });
          } else setApiError(errorMessage(error));
        },
      },
    );
  };

  const hint =
    preview?.ok === true ? (
      <>
        Saved as {type === AUTO ? `${OBSERVABLE_TYPE_LABELS[preview.type]} ` : ''}
        <Code>{preview.value}</Code>
      </>
    ) : (
      'IP address, domain, URL, file hash, e-mail address, file name or account. Defanged (hxxp, [.]) is fine.'
    );

  return (
    <form onSubmit={submit} noValidate aria-label="Add an observable">
      <Stack gap="xs">
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Value"
            placeholder="e.g. 203.0.113.9 or evil[.]example"
            value={value}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setErrors({});
            }}
            error={errors.value}
            description={errors.value ? undefined : hint}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            style={{ flex: '1 1 320px' }}
            autoComplete="off"
            spellCheck={false}
          />
          <Select
            label="Type"
            data={TYPE_DATA}
            value={type}
            onChange={(v) => {
              setType(v ?? AUTO);
              setErrors({});
            }}
            error={errors.type}
            allowDeselect={false}
            style={{ flex: '0 1 220px' }}
          />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TagsInput
            label="Tags"
            placeholder="e.g. c2, phishing"
            value={tags}
            onChange={setTags}
            maxTags={MAX_OBSERVABLE_TAGS}
            error={errors.tags}
            clearable
          />
          <TlpSelect
            value={tlp}
            onChange={(v) => v && setTlp(v as Tlp)}
            description="How far it may be shared outside Muster"
            error={errors.tlp}
          />
          <TextInput
            label="Description"
            placeholder="Where it was seen"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
        </SimpleGrid>
        <NotSavedAlert error={apiError} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Enter in the value adds it. The same value again records it as seen again.
          </Text>
          <Button type="submit" leftSection={<IconPlus size={16} />} loading={actions.add.isPending}>
            Add observable
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
