import { Alert, Badge, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { CUSTODY_ACTIONS, type RecordedCustodyAction } from '../../shared/custody-events.ts';
import type { EvidenceItem } from '../../shared/triage-types.ts';
import { errorMessage } from '../core/error-message.ts';
import { QueryView } from '../core/QueryView.tsx';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { formatAbsolute } from '../core/time.ts';
import { CustodyLog } from './CustodyLog.tsx';
import { type CustodyStep, useCustody, useEvidenceActions, type Verification } from './evidence-api.ts';

const ACTION_WORDS: Record<string, string> = {
  collected: 'Collected',
  downloaded: 'Downloaded',
  verified: 'Verified',
  transferred: 'Transferred',
  stored: 'Stored',
  accessed: 'Accessed',
  exported: 'Exported',
  returned: 'Returned',
  destroyed: 'Destroyed',
  preservation_requested: 'Preservation requested',
  preserved: 'Preserved',
  not_preserved: 'Not preserved',
};

function stepWhat(step: CustodyStep): string {
  const parts = [step.to && `to ${step.to}`, step.location && `at ${step.location}`, step.note].filter(Boolean);
  if (step.action === 'verified') parts.unshift(step.details.ok ? 'bytes intact' : 'bytes CHANGED or missing');
  return parts.join(' · ');
}

/** The item's chain of custody (who, when, what, to or where, note, the step's hash) and, for those who may change the incident, recording a step and verifying. */
export function EvidenceCustody({ item, incidentId, canChange }: { item: EvidenceItem; incidentId: string; canChange: boolean }) {
  const query = useCustody(item.id, item.custodyCount, true);
  return (
    <Stack gap="sm" p="xs" aria-label={`Chain of custody of ${item.name}`} component="section">
      {item.description && <Text size="sm">{item.description}</Text>}
      {item.claimedContentType && item.claimedContentType !== item.contentType && (
        <Text size="xs" c="dimmed">
          The sender called it {item.claimedContentType}; by its bytes it is {item.contentType}.
        </Text>
      )}
      <Title order={3} fz="sm">
        Chain of custody
      </Title>
      <QueryView query={query} loading="Loading the chain of custody" errorTitle="Could not load the chain of custody">
        {(steps) => (
          <CustodyLog
            label={`Custody of ${item.name}`}
            fz="sm"
            minWidth={560}
            headerScope="col"
            detailHeader="Details"
            detailStyle={{ overflowWrap: 'anywhere' }}
            hashChars={10}
            rows={steps.map((step) => ({
              key: step.seq,
              action: step.action,
              when: <RelativeTime value={step.at} size="sm" />,
              whenProps: { title: formatAbsolute(step.at) },
              who: step.by.name,
              what: (
                <Badge variant="light" color={step.action === 'verified' ? (step.details.ok ? 'teal' : 'red') : 'gray'} tt="none">
                  {ACTION_WORDS[step.action] ?? step.action}
                </Badge>
              ),
              detail: stepWhat(step),
              hash: step.hash,
            }))}
          />
        )}
      </QueryView>
      {canChange && <CustodyActions item={item} incidentId={incidentId} />}
    </Stack>
  );
}

function CustodyActions({ item, incidentId }: { item: EvidenceItem; incidentId: string }) {
  const { record, verify } = useEvidenceActions(incidentId);
  const [action, setAction] = useState<RecordedCustodyAction>('transferred');
  const [to, setTo] = useState('');
  const [location, setLocation] = useState('');
  const [note, setNote] = useState('');
  const [verified, setVerified] = useState<Verification | null>(null);
  const fieldError = (field: string) =>
    record.error && 'field' in (record.error as object) && (record.error as { field?: string }).field === field
      ? errorMessage(record.error)
      : null;

  return (
    <Stack gap="xs">
      <Group
        align="flex-end"
        gap="xs"
        wrap="wrap"
        component="form"
        aria-label={`Record custody of ${item.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate(
            { id: item.id, action, to: to.trim() || undefined, location: location.trim() || undefined, note: note.trim() },
            {
              onSuccess: () => {
                setTo('');
                setLocation('');
                setNote('');
              },
            },
          );
        }}
      >
        <Select
          label="Record custody"
          data={CUSTODY_ACTIONS.map((a) => ({ value: a, label: ACTION_WORDS[a] }))}
          value={action}
          onChange={(v) => v && setAction(v as RecordedCustodyAction)}
          allowDeselect={false}
          w={150}
          error={fieldError('action')}
        />
        <TextInput
          label="To"
          placeholder="Whom it went to"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          required={action === 'transferred'}
          error={fieldError('to')}
          w={180}
        />
        <TextInput
          label="Location"
          placeholder="Where it is kept"
          value={location}
          onChange={(e) => setLocation(e.currentTarget.value)}
          required={action === 'stored'}
          error={fieldError('location')}
          w={180}
        />
        <TextInput label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} style={{ flex: 1 }} miw={160} />
        <Button type="submit" variant="light" loading={record.isPending}>
          Record
        </Button>
        <Button
          variant="default"
          leftSection={<IconShieldCheck size={16} />}
          loading={verify.isPending}
          onClick={() => verify.mutate(item.id, { onSuccess: setVerified })}
        >
          Verify
        </Button>
      </Group>
      {record.error && !fieldError('to') && !fieldError('location') && !fieldError('action') && (
        <Alert color="red" role="alert" title="Not recorded">
          {errorMessage(record.error)}
        </Alert>
      )}
      {verify.error && (
        <Alert color="red" role="alert" title="Could not verify">
          {errorMessage(verify.error)}
        </Alert>
      )}
      {verified && (
        <Alert color={verified.ok ? 'teal' : 'red'} role="status" title={verified.ok ? 'Bytes intact' : 'Bytes changed'}>
          {verified.ok
            ? `The stored bytes still have the SHA-256 recorded when it was collected (${verified.expected.slice(0, 16)}…).`
            : verified.actual === null
              ? 'The stored file is missing. This has been recorded in the chain of custody and on the timeline.'
              : `The stored bytes now hash to ${verified.actual.slice(0, 16)}…, not ${verified.expected.slice(0, 16)}… as collected. This has been recorded.`}
        </Alert>
      )}
    </Stack>
  );
}
