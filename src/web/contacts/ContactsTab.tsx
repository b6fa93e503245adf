import { Button, EmptyState, Group, Paper, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconAddressBook, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { QueryView } from '../core/QueryView.tsx';
import { userTimeZone } from '../core/time.ts';
import { ArchiveRecordModal } from '../customers/ArchiveRecordModal.tsx';
import { useCustomer } from '../customers/customers-api.ts';
import { ContactCard } from './ContactCard.tsx';
import { ContactFormModal } from './ContactFormModal.tsx';
import { type StoredContact, useContacts } from './contacts-api.ts';

function matches(contact: StoredContact, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [contact.name, contact.role, contact.organisation, ...contact.channels.map((c) => c.address)].some((s) =>
    s.toLowerCase().includes(needle),
  );
}

/** The contact points of a customer, or (customerId null) our organisation's own: team, authorities, suppliers. */
export function ContactsTab({ customerId, canEdit }: { customerId: string | null; canEdit: boolean }) {
  const contacts = useContacts(customerId);
  const { data: customer } = useCustomer(customerId ?? undefined);
  const [editing, setEditing] = useState<{ contact: StoredContact | null } | null>(null);
  const [archiving, setArchiving] = useState<StoredContact | null>(null);
  const [q, setQ] = useState('');
  const all = contacts.data ?? [];
  const shown = all.filter((c) => matches(c, q));
  const ours = customerId === null;

  const body = (
    <QueryView
      query={contacts}
      loading={
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} aria-busy aria-label="Loading contacts">
          {[1, 2, 3].map((i) => (
            <Skeleton key={i} h={180} radius="md" />
          ))}
        </SimpleGrid>
      }
      errorTitle="Could not load contacts"
      empty={
        <Paper withBorder radius="md" p="md">
          <EmptyState
            py="xl"
            variant="light"
            icon={<IconAddressBook size={30} />}
            title="No contacts yet"
            description={
              ours
                ? 'Add our own people and functions — the CSIRT, management, legal, communications — and the authorities and suppliers every customer’s plan may need. The default roster and PACE ladders choose from them.'
                : 'Add the customer’s contact points — who we notify, who gives instructions, their DPO — with every way to reach them. Rosters, PACE ladders and obligations choose recipients from here.'
            }
          >
            {canEdit && (
              <EmptyState.Actions>
                <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ contact: null })}>
                  Add the first contact
                </Button>
              </EmptyState.Actions>
            )}
          </EmptyState>
        </Paper>
      }
    >
      {() =>
        shown.length === 0 ? (
          <Text c="dimmed" size="sm" ta="center" py="lg">
            No contact matches “{q.trim()}”.
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {shown.map((contact) => (
              <ContactCard
                key={contact.id}
                contact={contact}
                canEdit={canEdit}
                onEdit={() => setEditing({ contact })}
                onArchive={() => setArchiving(contact)}
              />
            ))}
          </SimpleGrid>
        )
      }
    </QueryView>
  );

  return (
    <Stack gap="md">
      {all.length > 0 && (
        <Group justify="space-between" align="flex-end">
          <TextInput
            label="Search contacts"
            placeholder="Name, role, organisation or address"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            type="search"
            w={{ base: '100%', sm: 320 }}
          />
          {canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ contact: null })}>
              Add contact
            </Button>
          )}
        </Group>
      )}
      {body}
      <ContactFormModal
        customerId={customerId}
        contact={editing?.contact ? (all.find((c) => c.id === editing.contact?.id) ?? editing.contact) : null}
        defaultTimeZone={customer?.timeZone ?? userTimeZone()}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
      <ArchiveRecordModal kind="contacts" what="contact" record={archiving} onClose={() => setArchiving(null)}>
        They leave the contact list. Check the roster and PACE ladders that name them: those entries stop working. Published plans
        keep them.
      </ArchiveRecordModal>
    </Stack>
  );
}
