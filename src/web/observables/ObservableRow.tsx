import { ActionIcon, Anchor, Badge, Button, Code, Group, Loader, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { OBSERVABLE_TYPE_LABELS, type Observable } from '../../shared/observable-types.ts';
import { errorMessage } from '../core/error-message.ts';
import { notifyError } from '../core/notify.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { RemoveIconButton } from '../core/RemoveIconButton.tsx';
import { RemoveModal } from '../core/RemoveModal.tsx';
import { ExerciseBadge } from '../incidents/ExerciseBadge.tsx';
import { STATUS_LABELS } from '../incidents/incident-labels.ts';
import { TlpBadge } from '../incidents/TlpBadge.tsx';
import { EditObservableModal } from './EditObservableModal.tsx';
import { type ObservableActions, useSightings } from './observables-api.ts';

/** One observable: its type, value, TLP and tags, when it was seen, and where else (links to those incidents). */
export function ObservableRow({
  observable: o,
  actions,
  canAct,
}: {
  observable: Observable;
  actions: ObservableActions;
  canAct: boolean;
}) {
  const [removing, setRemoving] = useState(false);
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap={4} py="xs" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }} data-observable={o.value}>
      <Group gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
        <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
          <Badge variant="light" color="gray" radius="sm" tt="none">
            {OBSERVABLE_TYPE_LABELS[o.type]}
          </Badge>
          <Code style={{ wordBreak: 'break-all' }}>{o.value}</Code>
          <TlpBadge tlp={o.tlp} size="sm" />
          {o.tags.map((tag) => (
            <Badge key={tag} variant="outline" size="sm" radius="sm" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
        {canAct && (
          <Group gap={2} wrap="nowrap">
            <Tooltip label={`Edit ${o.value}`} withArrow>
              <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${o.value}`} onClick={() => setEditing(true)}>
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            <RemoveIconButton label={`Remove ${o.value}`} icon={<IconTrash size={16} />} onClick={() => setRemoving(true)} />
          </Group>
        )}
      </Group>
      {o.description && <Text size="sm">{o.description}</Text>}
      <Group gap="xs" wrap="wrap">
        <Text size="xs" c="dimmed">
          {o.firstSeen === o.lastSeen ? 'Seen ' : 'First seen '}
          <RelativeTime value={o.firstSeen} />
          {o.firstSeen !== o.lastSeen && (
            <>
              {', last seen '}
              <RelativeTime value={o.lastSeen} />
            </>
          )}
          {` · added by ${o.addedBy.name}`}
        </Text>
        <SeenElsewhere observable={o} />
      </Group>
      <EditObservableModal observable={editing ? o : null} actions={actions} onClose={() => setEditing(false)} />
      <RemoveModal
        opened={removing}
        onClose={() => setRemoving(false)}
        title={`Remove ${o.value}?`}
        removeLabel="Remove observable"
        pending={actions.remove.isPending}
        onRemove={() =>
          actions.remove.mutate(o.id, {
            onSuccess: () => setRemoving(false),
            onError: (error) => notifyError('Could not remove the observable', error),
          })
        }
      >
        It leaves this incident’s observables and the STIX export. The timeline keeps that it was added and removed.
      </RemoveModal>
    </Stack>
  );
}

/** "Seen in 2 other incidents": opens the list of them (only those the user may read are ever counted). */
function SeenElsewhere({ observable: o }: { observable: Observable }) {
  const [opened, setOpened] = useState(false);
  const query = useSightings(o.type, o.value, opened);
  if (o.otherIncidents === 0) {
    return (
      <Text size="xs" c="dimmed">
        · Not seen in other incidents
      </Text>
    );
  }
  const others = (query.data?.items ?? []).filter((s) => s.incidentId !== o.incidentId);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <Button variant="subtle" size="compact-xs" color="orange" onClick={() => setOpened((v) => !v)}>
          Seen in {o.otherIncidents} other {o.otherIncidents === 1 ? 'incident' : 'incidents'}
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={420}>
        {query.isPending ? (
          <Loader size="xs" aria-label="Loading sightings" />
        ) : query.isError ? (
          <Text size="sm" c="red">
            {errorMessage(query.error)}
          </Text>
        ) : (
          <Stack
            gap={6}
            component="ul"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
            aria-label={`Other incidents with ${o.value}`}
          >
            {others.map((s) => (
              <li key={s.observableId}>
                <Group gap={6} wrap="nowrap">
                  <Anchor component={Link} to={`/incidents/${s.incidentKey}`} size="sm" fw={600}>
                    {s.incidentKey}
                  </Anchor>
                  {s.exercise && <ExerciseBadge size="xs" />}
                  <Text size="sm" truncate>
                    {s.incidentTitle}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {[s.customerName, STATUS_LABELS[s.status]].filter(Boolean).join(' · ')} · last seen{' '}
                  <RelativeTime value={s.lastSeen} />
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
