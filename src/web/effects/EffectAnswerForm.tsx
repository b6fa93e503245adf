import { Button, Group, Input, Kbd, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { Incident } from '../../shared/api-types.ts';
import { CONFIDENCE_LEVELS, EFFECT_CHOICES, type EffectAnswerView, type EffectChoice } from '../../shared/effects.ts';
import { errorMessage } from '../core/error-message.ts';
import { NotSavedAlert } from '../core/NotSavedAlert.tsx';
import { notifySuccess } from '../core/notify.ts';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
import { EffectExtras } from './EffectExtras.tsx';
import { draftChanged, draftOf, type EffectDraft, inputOf } from './effect-draft.ts';
import { CHOICE_COLORS, CHOICE_LABELS, CONFIDENCE_LABELS } from './effect-labels.ts';
import { useSaveEffects } from './effects-api.ts';

const CHOICES = EFFECT_CHOICES.map((c) => ({ value: c, label: CHOICE_LABELS[c] }));
const NOT_SAID = 'not-said';
const CONFIDENCES = [
  { value: NOT_SAID, label: 'Not said' },
  ...CONFIDENCE_LEVELS.map((c) => ({ value: c, label: CONFIDENCE_LABELS[c] })),
];

/**
 * One question's answer: yes/no/unknown, the detail, how sure, and what the question asks for besides; saved on its
 * own (Ctrl/Cmd+Enter or Save), so two people can answer different questions at once without overwriting each other.
 */
export function EffectAnswerForm({ incident, saved }: { incident: Incident; saved: EffectAnswerView }) {
  const [draft, setDraft] = useState<EffectDraft>(() => draftOf(saved));
  const [error, setError] = useState<string | null>(null);
  const save = useSaveEffects(incident);
  const id = saved.question;
  const changed = draftChanged(id, draft, saved);
  const update = (next: Partial<EffectDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setError(null);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const answer = draft.answer;
    if (!answer) {
      setError('Choose yes, no or unknown first.');
      return;
    }
    if (!changed) return;
    save.mutate([inputOf(id, { ...draft, answer })], {
      onSuccess: () => notifySuccess(`Answer saved: ${saved.text}`),
      onError: (err) => setError(errorMessage(err)),
    });
  };

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label={`Answer: ${saved.text}`}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {saved.hint}
        </Text>
        <Input.Wrapper label="Answer" labelElement="div" id={`effect-${id}-answer`}>
          <div style={{ marginTop: 6 }}>
            <SegmentedControl
              aria-labelledby={`effect-${id}-answer`}
              data={CHOICES}
              value={draft.answer ?? ''}
              onChange={(v) => update({ answer: v as EffectChoice })}
              color={draft.answer ? CHOICE_COLORS[draft.answer] : undefined}
            />
          </div>
        </Input.Wrapper>
        <Textarea
          label="Detail"
          placeholder="What you know and how you know it."
          autosize
          minRows={2}
          maxRows={10}
          maxLength={5000}
          value={draft.detail}
          onChange={(e) => update({ detail: e.currentTarget.value })}
        />
        <EffectExtras question={id} draft={draft} onChange={update} />
        <Input.Wrapper label="Confidence" labelElement="div" id={`effect-${id}-confidence`}>
          <div style={{ marginTop: 6 }}>
            <SegmentedControl
              aria-labelledby={`effect-${id}-confidence`}
              size="xs"
              data={CONFIDENCES}
              value={draft.confidence ?? NOT_SAID}
              onChange={(v) => update({ confidence: v === NOT_SAID ? null : (v as EffectDraft['confidence']) })}
            />
          </div>
        </Input.Wrapper>
        <NotSavedAlert error={error} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> to save
          </Text>
          <Group gap="xs">
            {changed && (
              <Button variant="default" onClick={() => setDraft(draftOf(saved))}>
                Undo changes
              </Button>
            )}
            <Button type="submit" loading={save.isPending} disabled={!changed}>
              Save answer
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
