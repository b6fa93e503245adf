import { Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconCopy, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { type Contact, PACE_PURPOSE_LABELS, type PacePlan, type PacePurpose } from '../../shared/prepare-types.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { PaceLadderEditor } from './PaceLadderEditor.tsx';
import { PaceLadderTable } from './PaceLadderTable.tsx';
import { PaceWarnings } from './PaceWarnings.tsx';
import { useDeletePacePlan } from './pace-api.ts';

const PURPOSE_HINTS: Record<PacePurpose, string> = {
  'notify-customer': 'How we tell the customer’s contact point — attacks are reported immediately.',
  'coordinate-responders': 'How the response team talks when e-mail or chat may be down or read by the attacker.',
  'notify-authority': 'How reports reach supervisory authorities and the national CSIRT.',
  'inform-management': 'How business management hears about incidents and decisions it must take.',
  'notify-data-subjects': 'How the people whose data is affected are told.',
};

interface PaceLadderCardProps {
  purpose: PacePurpose;
  customerId: string | null;
  /** This scope's own ladder for the purpose. */
  own: PacePlan | undefined;
  /** Our organisation's default ladder (only looked at for a customer without its own). */
  fallback: PacePlan | undefined;
  contacts: readonly Contact[];
  canEdit: boolean;
}

/** One purpose's ladder: its warnings, its levels, and the way to change it. */
export function PaceLadderCard({ purpose, customerId, own, fallback, contacts, canEdit }: PaceLadderCardProps) {
  const [editing, setEditing] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const remove = useDeletePacePlan();
  const label = PACE_PURPOSE_LABELS[purpose];
  const titleId = `pace-${purpose}-title`;
  const usesDefault = customerId !== null && !own && Boolean(fallback);
  const shown = own ?? (customerId !== null ? fallback : undefined);

  let badge: React.ReactNode;
  if (own && customerId) badge = <Badge variant="light">Customer-specific</Badge>;
  else if (own) badge = <Badge variant="light">Default ladder</Badge>;
  else if (usesDefault)
    badge = (
      <Badge variant="outline" color="gray">
        Uses the default ladder
      </Badge>
    );
  else
    badge = (
      <Badge variant="light" color="red">
        No ladder
      </Badge>
    );

  const reset = () =>
    own &&
    remove.mutate(own.id, {
      onSuccess: () => {
        setConfirmReset(false);
        notifySuccess(fallback ? `${label}: this customer now uses the default ladder.` : `${label}: ladder removed.`);
      },
      onError: (error) => notifyError('The customer-specific ladder was not removed', error),
    });

  let body: React.ReactNode;
  if (editing) {
    body = (
      <PaceLadderEditor
        customerId={customerId}
        purpose={purpose}
        plan={own}
        startFrom={own?.levels ?? fallback?.levels ?? []}
        contacts={contacts}
        onDone={() => setEditing(false)}
      />
    );
  } else if (shown) {
    body = (
      <Stack gap="sm">
        {usesDefault && (
          <Text size="sm">
            This customer has no ladder of its own for this purpose and <b>uses our organisation’s default ladder</b>:
          </Text>
        )}
        <PaceWarnings warnings={shown.warnings} />
        <PaceLadderTable levels={shown.levels} contacts={contacts} label={`${label}: ladder`} />
      </Stack>
    );
  } else {
    body = (
      <Text size="sm" c="dimmed">
        {customerId
          ? 'Neither this customer nor our organisation has a ladder for this purpose. Without one, nobody knows which channel to fall back on when the usual one fails.'
          : 'No default ladder yet. Customers without a ladder of their own use this one.'}
      </Text>
    );
  }

  let action: React.ReactNode = null;
  if (canEdit && !editing) {
    if (own) {
      action = (
        <Group gap="xs">
          {customerId && (
            <Button
              size="xs"
              variant="subtle"
              color="gray"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={() => setConfirmReset(true)}
            >
              Use the default instead
            </Button>
          )}
          <Button size="xs" variant="light" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)}>
            Edit ladder
          </Button>
        </Group>
      );
    } else if (customerId) {
      action = (
        <Button
          size="xs"
          variant={usesDefault ? 'light' : 'filled'}
          leftSection={usesDefault ? <IconCopy size={14} /> : <IconPlus size={14} />}
          onClick={() => setEditing(true)}
        >
          Make a customer-specific ladder
        </Button>
      );
    } else {
      action = (
        <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing(true)}>
          Set up the default ladder
        </Button>
      );
    }
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap" gap="xs">
        <div>
          <Group gap="xs">
            <Title order={3} fz="h4" id={titleId}>
              {label}
            </Title>
            {badge}
            {own && (
              <Text size="xs" c="dimmed">
                version {own.version}
              </Text>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {PURPOSE_HINTS[purpose]}
          </Text>
        </div>
        {action}
      </Group>
      {body}
      <Modal
        opened={confirmReset}
        onClose={() => setConfirmReset(false)}
        title={fallback ? 'Go back to the default ladder?' : 'Remove this ladder?'}
        centered
      >
        <Stack>
          <Text size="sm">
            The customer-specific ladder to {label.toLowerCase()} is archived (kept with its history).{' '}
            {fallback
              ? 'This customer uses our organisation’s default ladder again.'
              : 'There is no default ladder for this purpose, so the customer will have none.'}{' '}
            Published plan versions keep the ladder they froze.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmReset(false)}>
              Keep it
            </Button>
            <Button color="red" onClick={reset} loading={remove.isPending}>
              {fallback ? 'Use the default ladder' : 'Remove ladder'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
