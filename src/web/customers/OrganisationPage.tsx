import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAddressBook, IconBook, IconChecklist, IconHierarchy } from '@tabler/icons-react';
import { ContactsTab } from '../contacts/ContactsTab.tsx';
import { RosterTab } from '../contacts/RosterTab.tsx';
import { PacePlansTab } from '../pace/PacePlansTab.tsx';
import { PlaybooksTab } from '../playbooks/PlaybooksTab.tsx';
import { useAccess } from './customers-api.ts';
import { useTabParam } from './use-tab-param.ts';

const TABS = ['contacts', 'roster', 'pace', 'playbooks'] as const;

/** Our own organisation: the contacts, default roster, default PACE ladders and playbooks every customer builds on. */
export function OrganisationPage() {
  useDocumentTitle('Our organisation — Muster');
  const [tab, setTab] = useTabParam(TABS, 'contacts');
  const { data: access } = useAccess();
  const canEdit = access?.allowed.editOrganisation ?? false;

  return (
    <Stack gap="md" maw={1280} mx="auto">
      <div>
        <Title order={1} fz="h2">
          Our organisation
        </Title>
        <Text c="dimmed" size="sm">
          What every customer’s plan builds on: our team and the authorities we report to, the default roster, default PACE
          ladders and our playbooks.{canEdit ? '' : ' Administrators edit these.'}
        </Text>
      </div>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List aria-label="Organisation sections">
          <Tabs.Tab value="contacts" leftSection={<IconAddressBook size={16} />}>
            Contacts
          </Tabs.Tab>
          <Tabs.Tab value="roster" leftSection={<IconHierarchy size={16} />}>
            Default roster
          </Tabs.Tab>
          <Tabs.Tab value="pace" leftSection={<IconChecklist size={16} />}>
            PACE
          </Tabs.Tab>
          <Tabs.Tab value="playbooks" leftSection={<IconBook size={16} />}>
            Playbooks
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="contacts" pt="md">
          <ContactsTab customerId={null} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="roster" pt="md">
          <RosterTab customerId={null} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="pace" pt="md">
          <PacePlansTab customerId={null} />
        </Tabs.Panel>
        <Tabs.Panel value="playbooks" pt="md">
          <PlaybooksTab customerId={null} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
