import { Button, Group, Input, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { EFFECT_CHOICES, SCAN_RESULTS, type ScanResult } from '../../shared/effects.ts';
import { RemoveIconButton } from '../core/RemoveIconButton.tsx';
import { LocalDateTimeInput } from '../incidents/LocalDateTimeInput.tsx';
import { type EffectDraft, extraOf } from './effect-draft.ts';
import { CHOICE_LABELS, SCAN_RESULT_LABELS } from './effect-labels.ts';

interface ExtrasProps {
  question: string;
  draft: EffectDraft;
  onChange: (next: Partial<EffectDraft>) => void;
}

/** The structured fields a question asks for: the volume taken, each antivirus scan, or the backups to restore from. */
export function EffectExtras({ question, draft, onChange }: ExtrasProps) {
  const extra = extraOf(question);
  if (extra === 'volume') {
    return (
      <TextInput
        label="How much was taken"
        description="As the logs show it: bytes, rows or files, and the period."
        placeholder="e.g. 2.3 GB between 02:10 and 02:50"
        maxLength={500}
        value={draft.volume}
        onChange={(e) => onChange({ volume: e.currentTarget.value })}
      />
    );
  }
  if (extra === 'scans') return <ScansInput draft={draft} onChange={onChange} />;
  if (extra === 'backups') {
    return (
      <Group gap="md" align="flex-end" wrap="wrap">
        <Input.Wrapper label="Recent backups exist" labelElement="div" id={`${question}-backups-label`}>
          <div style={{ marginTop: 6 }}>
            <SegmentedControl
              aria-labelledby={`${question}-backups-label`}
              size="xs"
              data={EFFECT_CHOICES.map((c) => ({ value: c, label: CHOICE_LABELS[c] }))}
              value={draft.recentBackups}
              onChange={(v) => onChange({ recentBackups: v as EffectDraft['recentBackups'] })}
            />
          </div>
        </Input.Wrapper>
        <LocalDateTimeInput
          label="Latest usable backup"
          value={draft.lastBackupAt}
          onChange={(e) => onChange({ lastBackupAt: e.currentTarget.value })}
        />
      </Group>
    );
  }
  return null;
}

const RESULTS = SCAN_RESULTS.map((r) => ({ value: r, label: SCAN_RESULT_LABELS[r] }));

function ScansInput({ draft, onChange }: Omit<ExtrasProps, 'question'>) {
  const set = (index: number, change: Partial<EffectDraft['scans'][number]>) =>
    onChange({ scans: draft.scans.map((s, i) => (i === index ? { ...s, ...change } : s)) });
  return (
    <Input.Wrapper
      label="Antivirus scans"
      labelElement="div"
      description="More than one toolkit may be needed: record each scan and its result."
    >
      <Stack gap="xs" mt={6}>
        {draft.scans.length === 0 && (
          <Text size="sm" c="dimmed">
            No scan recorded yet.
          </Text>
        )}
        {draft.scans.map((scan, i) => (
          // Rows have no id of their own; their place is their identity while the form is open.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Group key={i} gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={`Toolkit ${i + 1}`}
              placeholder="e.g. ClamAV 1.4"
              maxLength={200}
              value={scan.toolkit}
              onChange={(e) => set(i, { toolkit: e.currentTarget.value })}
              style={{ flex: '1 1 10rem' }}
            />
            <Select
              label={`Result ${i + 1}`}
              data={RESULTS}
              value={scan.result}
              allowDeselect={false}
              onChange={(v) => v && set(i, { result: v as ScanResult })}
              w={170}
            />
            <TextInput
              label={`Finding ${i + 1}`}
              placeholder="Signature or note"
              maxLength={500}
              value={scan.note}
              onChange={(e) => set(i, { note: e.currentTarget.value })}
              style={{ flex: '1 1 10rem' }}
            />
            <RemoveIconButton
              label={`Remove scan ${i + 1}`}
              icon={<IconTrash size={16} />}
              onClick={() => onChange({ scans: draft.scans.filter((_, j) => j !== i) })}
            />
          </Group>
        ))}
        <Group>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            disabled={draft.scans.length >= 20}
            onClick={() => onChange({ scans: [...draft.scans, { toolkit: '', result: 'clean', note: '' }] })}
          >
            Add a scan
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
