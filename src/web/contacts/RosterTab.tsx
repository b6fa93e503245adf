import { Alert, Anchor, Button, EmptyState, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconAddressBook, IconAlertCircle, IconCopy, IconHierarchy, IconInfoCircle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { IncidentRole } from '../../shared/incident-vocabulary.ts';
import type { RosterEntry } from '../../shared/prepare-types.ts';
import { ErrorState } from '../core/ErrorState.tsx';
import { errorMessage } from '../core/error-message.ts';
import { notifySuccess } from '../core/notify.ts';
import { useCustomer } from '../customers/customers-api.ts';
import {
  type StoredContact,
  type StoredRoster,
  useContacts,
  useCreateRoster,
  useRoster,
  useUpdateRoster,
} from './contacts-api.ts';
import { type PersonGroups, RosterRoleRow } from './RosterRoleRow.tsx';
import { ROLE_ORDER } from './role-labels.ts';

type Draft = Partial<Record<IncidentRole, string[]>>;

const draftOf = (roster: StoredRoster | null | undefined): Draft =>
  Object.fromEntries((roster?.entries ?? []).map((e) => [e.role, e.people]));

const entriesOf = (draft: Draft): RosterEntry[] =>
  ROLE_ORDER.filter((role) => (draft[role]?.length ?? 0) > 0).map((role) => ({ role, people: draft[role] as string[] }));

const same = (a: Draft, b: Draft) => JSON.stringify(entriesOf(a)) === JSON.stringify(entriesOf(b));

const optionOf = (c: StoredContact) => ({ value: c.id, label: c.role ? `${c.name} — ${c.role}` : c.name });

/**
 * Who fills each CSIRT role, with deputies in order. A customer's roster chooses from the customer's contacts and
 * ours; our organisation's (customerId null) is the default for customers without their own.
 */
export function RosterTab({ customerId, canEdit }: { customerId: string | null; canEdit: boolean }) {
  const ours = customerId === null;
  const roster = useRoster(customerId);
  const fallback = useRoster(null);
  const own = useContacts(customerId);
  const shared = useContacts(null, !ours);
  const { data: customer } = useCustomer(customerId ?? undefined);

  const loading = roster.isPending || own.isPending || (!ours && (shared.isPending || fallback.isPending));
  const failed = roster.error ?? own.error ?? (ours ? null : (shared.error ?? fallback.error));
  if (loading)
    return (
      <Stack gap="sm" aria-busy aria-label="Loading roster">
        {[1, 2, 3, 4].map((i) => (
          <Skeleton key={i} h={44} />
        ))}
      </Stack>
    );
  if (failed)
    return (
      <ErrorState
        title="Could not load the roster"
        error={failed}
        onRetry={() => {
          void roster.refetch();
          void own.refetch();
          if (!ours) {
            void shared.refetch();
            void fallback.refetch();
          }
        }}
      />
    );

  const contacts = [...(own.data ?? []), ...(ours ? [] : (shared.data ?? []))];
  const groups: PersonGroups = ours
    ? [{ group: 'Our organisation', items: (own.data ?? []).map(optionOf) }]
    : [
        { group: customer ? `${customer.name}` : 'This customer', items: (own.data ?? []).map(optionOf) },
        { group: 'Our organisation', items: (shared.data ?? []).map(optionOf) },
      ].filter((g) => g.items.length > 0);

  return (
    <RosterEditor
      key={roster.data?.id ?? 'none'}
      customerId={customerId}
      roster={roster.data ?? null}
      defaultRoster={ours ? null : (fallback.data ?? null)}
      contacts={contacts}
      groups={groups}
      canEdit={canEdit}
    />
  );
}

interface RosterEditorProps {
  customerId: string | null;
  roster: StoredRoster | null;
  defaultRoster: StoredRoster | null;
  contacts: StoredContact[];
  groups: PersonGroups;
  canEdit: boolean;
}

function RosterEditor({ customerId, roster, defaultRoster, contacts, groups, canEdit }: RosterEditorProps) {
  const ours = customerId === null;
  const create = useCreateRoster();
  const update = useUpdateRoster();
  const [draft, setDraft] = useState<Draft>(() => draftOf(roster));
  // The roster as the draft started from; when someone else saves and we have no edits, follow them.
  const [base, setBase] = useState<Draft>(() => draftOf(roster));
  const [changedMeanwhile, setChangedMeanwhile] = useState(false);
  const latest = draftOf(roster);
  if (!same(latest, base)) {
    setBase(latest);
    if (same(draft, base) || same(draft, latest)) setDraft(latest);
    else setChangedMeanwhile(true);
  }
  const dirty = !same(draft, base);

  const names = useMemo(() => new Map(contacts.map((c) => [c.id, c.name])), [contacts]);
  const nameOf = (id: string) => names.get(id) ?? 'A contact that was archived';
  const usesDefault = !ours && !roster && defaultRoster !== null;
  // A customer on the default roster sees its holders, not empty pickers, until someone starts one of its own.
  const [ownStarted, setOwnStarted] = useState(false);
  const showingDefault = usesDefault && !ownStarted;
  const shown = showingDefault ? draftOf(defaultRoster) : draft;
  const editable = canEdit && !showingDefault;
  const error = create.error ?? update.error;

  const save = () => {
    const entries = entriesOf(draft);
    const done = () => {
      setChangedMeanwhile(false);
      notifySuccess(ours ? 'Default roster saved' : 'Roster saved');
    };
    if (roster) update.mutate({ id: roster.id, changes: { entries }, expectedVersion: roster.version }, { onSuccess: done });
    else create.mutate({ customerId, entries }, { onSuccess: done });
  };

  if (contacts.length === 0)
    return (
      <Paper withBorder radius="md" p="md">
        <EmptyState
          py="xl"
          variant="light"
          icon={<IconAddressBook size={30} />}
          title="Add contacts first"
          description={
            ours
              ? 'The roster names people from our organisation’s contacts. Add the CSIRT members and the people behind each role there.'
              : 'The roster names people from this customer’s contacts and our organisation’s. Add them first, then choose who holds each role.'
          }
        >
          <EmptyState.Actions>
            <Button component={Link} to="?tab=contacts" variant="light">
              Go to contacts
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Paper>
    );

  return (
    <Stack gap="md">
      {ours ? (
        <Alert variant="light" icon={<IconInfoCircle size={18} />} title="The default roster">
          Customers without a roster of their own use this one. It names people from our organisation’s contacts.
        </Alert>
      ) : usesDefault ? (
        <Alert variant="light" icon={<IconHierarchy size={18} />} title="Uses the default roster">
          <Text size="sm">
            This customer has no roster of its own, so incidents use{' '}
            <Anchor component={Link} to="/organisation?tab=roster" inherit>
              our organisation’s default roster
            </Anchor>
            {showingDefault ? ', shown below.' : '. You are writing one of its own: incidents use the default until you save it.'}
          </Text>
          {canEdit && showingDefault && (
            <Group gap="xs" mt="xs">
              <Button
                size="xs"
                variant="white"
                leftSection={<IconCopy size={14} />}
                onClick={() => {
                  setDraft(draftOf(defaultRoster));
                  setOwnStarted(true);
                }}
              >
                Give it its own, starting from the default
              </Button>
              <Button size="xs" variant="subtle" onClick={() => setOwnStarted(true)}>
                Start an empty one
              </Button>
            </Group>
          )}
        </Alert>
      ) : !roster ? (
        <Alert variant="light" color="yellow" icon={<IconHierarchy size={18} />} title="No roster yet">
          Nobody is assigned to the CSIRT roles for this customer, and there is no default roster. Choose who holds each role
          below.
        </Alert>
      ) : null}

      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" aria-label={ours ? 'Default roster' : 'Roster'}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Role</Table.Th>
                <Table.Th scope="col">Holder</Table.Th>
                <Table.Th scope="col">Deputies, in order</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ROLE_ORDER.map((role) => (
                <RosterRoleRow
                  key={role}
                  role={role}
                  people={shown[role] ?? []}
                  groups={groups}
                  nameOf={nameOf}
                  known={(id) => names.has(id)}
                  readOnly={!editable}
                  onChange={(people) => setDraft((d) => ({ ...d, [role]: people }))}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      {changedMeanwhile && dirty && (
        <Alert color="yellow" variant="light" title="Changed while you were editing">
          Someone else saved this roster. Saving replaces their version with yours; discard your changes to see theirs.
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="Roster not saved">
          {errorMessage(error)}
        </Alert>
      )}
      {editable && (
        <Group justify="flex-end">
          <Text size="sm" c="dimmed">
            {dirty ? 'You have unsaved changes' : roster ? 'All changes saved' : ''}
          </Text>
          <Button
            variant="default"
            disabled={!dirty && !usesDefault}
            onClick={() => {
              setDraft(base);
              setChangedMeanwhile(false);
              setOwnStarted(false);
            }}
          >
            Discard changes
          </Button>
          <Button onClick={save} disabled={!dirty} loading={create.isPending || update.isPending}>
            {roster ? 'Save roster' : 'Create roster'}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
