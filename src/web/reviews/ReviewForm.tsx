import { Button, Group, Kbd, SimpleGrid, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import type { Review, ReviewFields } from '../../shared/review-types.ts';
import { isApiError } from '../core/api.ts';
import { showApiError } from '../core/form-errors.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { focusFirstInvalid, submitOnModEnter } from '../core/submit-shortcut.ts';
import { ChangedMeanwhileAlert } from '../customers/ChangedMeanwhileAlert.tsx';
import { REVIEW_FIELD_LABELS } from './review-labels.ts';
import type { ReviewActions } from './reviews-api.ts';

const TEXT_FIELDS: { field: Exclude<keyof ReviewFields, 'participants'>; hint: string }[] = [
  { field: 'summary', hint: 'In the team’s words: the story the record does not tell' },
  { field: 'wentWell', hint: 'What helped: keep doing it' },
  { field: 'wentBadly', hint: 'What slowed us down or went wrong' },
  { field: 'rootCauses', hint: 'Why it happened at all' },
  { field: 'contributingFactors', hint: 'What made it worse or harder to handle' },
  { field: 'lessons', hint: 'What we change: each lesson can become an action' },
];

/** The team's fields of an open review, saved with the version they were loaded at; a conflict says so and offers theirs. */
export function ReviewForm({ review, actions }: { review: Review; actions: ReviewActions }) {
  const form = useForm<ReviewFields>({ initialValues: review.fields });
  const [loadedVersion, setLoadedVersion] = useState(review.version);
  const [conflict, setConflict] = useState(false);

  // Someone else's change arrives live: take it when nothing here is unsaved; otherwise saving will say so.
  useEffect(() => {
    if (review.version === loadedVersion || form.isDirty()) return;
    form.setValues(review.fields);
    form.resetDirty(review.fields);
    setLoadedVersion(review.version);
  }, [review, loadedVersion, form]);

  const submit = form.onSubmit(async (values) => {
    const changes: Partial<ReviewFields> = {};
    for (const key of Object.keys(values) as (keyof ReviewFields)[]) {
      if (form.isDirty(key)) (changes as Record<string, unknown>)[key] = values[key];
    }
    try {
      const saved = await actions.save.mutateAsync({ expectedVersion: loadedVersion, ...changes });
      form.setValues(saved.fields);
      form.resetDirty(saved.fields);
      setLoadedVersion(saved.version);
      notifySuccess('The review is saved');
    } catch (error) {
      if (isApiError(error, 'conflict') && error.field === 'expectedVersion') setConflict(true);
      else showApiError(form, error);
    }
  }, focusFirstInvalid);

  const loadTheirs = () => {
    form.setValues(review.fields);
    form.resetDirty(review.fields);
    setLoadedVersion(review.version);
    setConflict(false);
  };

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="The team’s review">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {TEXT_FIELDS.map(({ field, hint }) => (
            <Textarea
              key={field}
              label={REVIEW_FIELD_LABELS[field]}
              description={hint}
              autosize
              minRows={2}
              maxRows={12}
              {...form.getInputProps(field)}
            />
          ))}
        </SimpleGrid>
        <TagsInput
          label={REVIEW_FIELD_LABELS.participants}
          description="Who took part, by name: type a name and press Enter"
          clearable
          {...form.getInputProps('participants')}
        />
        {conflict && <ChangedMeanwhileAlert what="review" onLoad={loadTheirs} />}
        <NotSavedAlert error={form.errors._api} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> saves from any field
          </Text>
          <Button type="submit" loading={actions.save.isPending} disabled={!form.isDirty() || conflict}>
            Save the review
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
