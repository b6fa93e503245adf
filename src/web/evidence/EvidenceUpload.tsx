import { Alert, Button, Group, Paper, Progress, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useMe } from '../auth/auth-api.ts';
import { errorMessage } from '../core/error-message.ts';
import { notifySuccess } from '../core/notify.ts';
import { refreshAround } from '../incidents/incidents-api.ts';
import { evidenceKeys, formatSize, limitWords, uploadEvidenceFile } from './evidence-api.ts';

/** Now in the user's zone, as a datetime-local input shows it. */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * Adds a file as evidence: dropped on the area or chosen with the button (keyboard: Tab to "Choose a file"), with
 * where it came from, who collected it and when (the user's zone, now by default); a progress bar while it goes up.
 */
export function EvidenceUpload({ incidentId, maxBytes }: { incidentId: string; maxBytes: number }) {
  const me = useMe();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const [collectedBy, setCollectedBy] = useState('');
  const [collectedAt, setCollectedAt] = useState(localNow);
  const [description, setDescription] = useState('');
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sourceError, setSourceError] = useState<string | null>(null);

  const choose = (chosen: File | undefined | null) => {
    setError(null);
    if (!chosen) return;
    if (chosen.size > maxBytes) {
      setFile(null);
      setError(`The file is larger than the ${limitWords(maxBytes)} limit (it is ${formatSize(chosen.size)}).`);
      return;
    }
    setFile(chosen);
  };

  const submit = async () => {
    if (!file) return setError('Choose a file first: drop it on the area or use "Choose a file".');
    if (!source.trim()) return setSourceError('Say where the file came from, e.g. "Firewall logs of fs01".');
    setSourceError(null);
    setError(null);
    abort.current = new AbortController();
    setProgress({ sent: 0, total: file.size });
    try {
      const item = await uploadEvidenceFile(
        incidentId,
        file,
        {
          source: source.trim(),
          collectedBy: collectedBy.trim() || me.data?.name || '',
          collectedAt: new Date(collectedAt).toISOString(),
          description: description.trim(),
        },
        (sent, total) => setProgress({ sent, total }),
        abort.current.signal,
      );
      notifySuccess(`${item.name} is kept as evidence (SHA-256 ${item.sha256.slice(0, 12)}…)`);
      setFile(null);
      setDescription('');
      setCollectedAt(localNow());
      if (input.current) input.current.value = '';
      refreshAround(client, incidentId);
      void client.invalidateQueries({ queryKey: evidenceKeys.all });
    } catch (caught) {
      if (!(caught instanceof DOMException && caught.name === 'AbortError')) setError(errorMessage(caught));
    } finally {
      setProgress(null);
      abort.current = null;
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.sent / progress.total) * 100) : 0;
  return (
    <Stack
      gap="xs"
      component="form"
      aria-label="Add evidence"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Paper
        withBorder
        p="md"
        radius="md"
        data-dragging={dragging || undefined}
        style={{ borderStyle: 'dashed', background: dragging ? 'var(--mantine-color-blue-light)' : undefined }}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          choose(e.dataTransfer.files[0]);
        }}
      >
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm" c={file ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
            {file ? `${file.name} (${formatSize(file.size)})` : `Drop a file here (up to ${limitWords(maxBytes)})`}
          </Text>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconUpload size={14} />}
            onClick={() => input.current?.click()}
            disabled={!!progress}
          >
            Choose a file
          </Button>
        </Group>
        <input
          ref={input}
          type="file"
          hidden
          aria-label="Evidence file"
          data-testid="evidence-file-input"
          onChange={(e) => choose(e.currentTarget.files?.[0])}
        />
      </Paper>
      <Group grow align="flex-start" wrap="wrap">
        <TextInput
          label="Source"
          placeholder="Where it came from, e.g. fs01 firewall"
          required
          value={source}
          error={sourceError}
          onChange={(e) => setSource(e.currentTarget.value)}
          maxLength={500}
        />
        <TextInput
          label="Collected by"
          placeholder={me.data?.name ?? 'You'}
          value={collectedBy}
          onChange={(e) => setCollectedBy(e.currentTarget.value)}
          maxLength={200}
        />
        <TextInput
          label="Collected at"
          type="datetime-local"
          value={collectedAt}
          onChange={(e) => setCollectedAt(e.currentTarget.value)}
          description="Your time zone"
        />
      </Group>
      <Textarea
        label="Description"
        placeholder="What it is and how it was collected"
        autosize
        minRows={1}
        maxRows={4}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        maxLength={10_000}
      />
      {progress && (
        <Stack gap={2}>
          <Progress value={percent} aria-label="Upload progress" animated striped />
          <Text size="xs" c="dimmed" aria-live="polite">
            Uploading {formatSize(progress.sent)} of {formatSize(progress.total)} ({percent}%)
          </Text>
        </Stack>
      )}
      {error && (
        <Alert color="red" role="alert" title="Not added">
          {error}
        </Alert>
      )}
      <Group justify="flex-end" gap="xs">
        {progress && (
          <Button variant="subtle" color="gray" onClick={() => abort.current?.abort()}>
            Cancel upload
          </Button>
        )}
        <Button type="submit" loading={!!progress} disabled={!file}>
          Add as evidence
        </Button>
      </Group>
    </Stack>
  );
}
