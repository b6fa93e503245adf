import { Button, Group, Kbd, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { isApiError } from '../core/api.ts';
import { errorMessage } from '../core/error-message.ts';
import { notifyError } from '../core/notify.ts';
import { submitOnModEnter } from '../core/submit-shortcut.ts';
import type { useIncidentActions } from './incidents-api.ts';

const MAX_NOTE = 100_000;

/** Adds a Markdown note to the timeline; Ctrl/Cmd+Enter sends. */
export function NoteComposer({ action }: { action: ReturnType<typeof useIncidentActions>['addNote'] }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const text = body.trim();
    if (!text) {
      setError('Write something first');
      return;
    }
    action.mutate(
      { body: text },
      {
        onSuccess: () => setBody(''),
        onError: (err) => {
          if (isApiError(err, 'invalid')) setError(errorMessage(err));
          else notifyError('Note not added', err);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} onKeyDown={submitOnModEnter} noValidate aria-label="Add a note">
      <Stack gap="xs">
        <Textarea
          label="Add a note"
          placeholder="What you found, did or decided. Markdown works: **bold**, - lists, `code`."
          autosize
          minRows={3}
          maxRows={14}
          maxLength={MAX_NOTE}
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            setError(null);
          }}
          error={error}
        />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> to add
          </Text>
          <Button type="submit" loading={action.isPending} disabled={!body.trim()}>
            Add note
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
