import { ActionIcon, Anchor, Badge, Group, Menu, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import {
  IconAddressBook,
  IconArchive,
  IconArrowLeft,
  IconBook,
  IconChecklist,
  IconDots,
  IconFileCertificate,
  IconHierarchy,
  IconInfoCircle,
  IconScale,
  IconServer,
  IconUsers,
  IconWorld,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ContactsTab } from '../contacts/ContactsTab.tsx';
import { RosterTab } from '../contacts/RosterTab.tsx';
import { notifySuccess } from '../core/notify.ts';
import { PageLoadError } from '../core/PageLoadError.tsx';
import { ObligationsTab } from '../obligations/ObligationsTab.tsx';
import { PacePlansTab } from '../pace/PacePlansTab.tsx';
import { PlansTab } from '../plans/PlansTab.tsx';
import { PlaybooksTab } from '../playbooks/PlaybooksTab.tsx';
import { ServicesTab } from '../services/ServicesTab.tsx';
import { ConfirmModal } from './ConfirmModal.tsx';
import { CustomerOverviewTab } from './CustomerOverviewTab.tsx';
import { type StoredCustomer, useAccess, useArchiveCustomer, useCustomer } from './customers-api.ts';
import { MembersTab } from './MembersTab.tsx';
import { MEMBERSHIP_LABELS } from './membership-labels.ts';
import { useTabParam } from './use-tab-param.ts';

const TABS = ['overview', 'services', 'contacts', 'roster', 'pace', 'obligations', 'playbooks', 'plans', 'members'] as const;
type CustomerTab = (typeof TABS)[number];

const TAB_LABELS: Record<CustomerTab, { label: string; icon: ReactNode }> = {
  overview: { label: 'Overview', icon: <IconInfoCircle size={16} /> },
  services: { label: 'Services', icon: <IconServer size={16} /> },
  contacts: { label: 'Contacts', icon: <IconAddressBook size={16} /> },
  roster: { label: 'Roster', icon: <IconHierarchy size={16} /> },
  pace: { label: 'PACE', icon: <IconChecklist size={16} /> },
  obligations: { label: 'Obligations', icon: <IconScale size={16} /> },
  playbooks: { label: 'Playbooks', icon: <IconBook size={16} /> },
  plans: { label: 'Plans', icon: <IconFileCertificate size={16} /> },
  members: { label: 'Members', icon: <IconUsers size={16} /> },
};

export function CustomerPage() {
  const { id = '' } = useParams();
  const query = useCustomer(id);
  useDocumentTitle(query.data ? `${query.data.name} — Muster` : 'Customer — Muster');

  if (query.isPending) return <CustomerPageSkeleton />;
  if (query.isError) {
    return (
      <PageLoadError
        query={query}
        title="Could not load the customer"
        notFound={{
          title: 'Customer not found',
          description: 'It may have been archived, or you are not a member of it. Ask an administrator if you need access.',
          backTo: '/customers',
          backLabel: 'All customers',
        }}
      />
    );
  }
  return <CustomerView customer={query.data} />;
}

function CustomerView({ customer }: { customer: StoredCustomer }) {
  const { data: access } = useAccess();
  const canEdit = customer.allowed.edit;
  const showMembers = customer.allowed.manageMembers;
  const tabs = TABS.filter((t) => t !== 'members' || showMembers);
  const [tab, setTab] = useTabParam(tabs, 'overview');
  const role = access?.memberships[customer.id];
  const [archiving, archiveDialog] = useDisclosure(false);
  const archive = useArchiveCustomer();
  const navigate = useNavigate();

  return (
    <Stack gap="md" maw={1280} mx="auto">
      <div>
        <Anchor component={Link} to="/customers" size="sm" c="dimmed">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden /> Customers
          </Group>
        </Anchor>
        <Group justify="space-between" align="flex-start" mt={4} wrap="nowrap">
          <div>
            <Group gap="sm">
              <Title order={1} fz="h2">
                {customer.name}
              </Title>
              {customer.code && (
                <Badge variant="light" color="gray" radius="sm" ff="monospace" size="lg">
                  {customer.code}
                </Badge>
              )}
            </Group>
            <Group gap="md" mt={4}>
              <Group gap={4}>
                <IconWorld size={14} color="var(--mantine-color-dimmed)" aria-hidden />
                <Text size="sm" c="dimmed">
                  {customer.timeZone}
                </Text>
              </Group>
              <Text size="sm" c="dimmed">
                {role
                  ? `You are a ${MEMBERSHIP_LABELS[role].toLowerCase()} here`
                  : access?.user.role === 'admin'
                    ? 'You are an administrator'
                    : ''}
              </Text>
            </Group>
          </div>
          {customer.allowed.archive && (
            <Menu position="bottom-end" withArrow>
              <Menu.Target>
                <ActionIcon variant="default" size="lg" aria-label={`More actions for ${customer.name}`}>
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item color="red" leftSection={<IconArchive size={16} />} onClick={archiveDialog.open}>
                  Archive customer
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </div>

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List aria-label="Customer sections" style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          {tabs.map((t) => (
            <Tabs.Tab key={t} value={t} leftSection={TAB_LABELS[t].icon}>
              {TAB_LABELS[t].label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <CustomerOverviewTab customer={customer} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="services" pt="md">
          <ServicesTab customerId={customer.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="md">
          <ContactsTab customerId={customer.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="roster" pt="md">
          <RosterTab customerId={customer.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="pace" pt="md">
          <PacePlansTab customerId={customer.id} />
        </Tabs.Panel>
        <Tabs.Panel value="obligations" pt="md">
          <ObligationsTab customerId={customer.id} />
        </Tabs.Panel>
        <Tabs.Panel value="playbooks" pt="md">
          <PlaybooksTab customerId={customer.id} />
        </Tabs.Panel>
        <Tabs.Panel value="plans" pt="md">
          <PlansTab customerId={customer.id} />
        </Tabs.Panel>
        {showMembers && (
          <Tabs.Panel value="members" pt="md">
            <MembersTab customerId={customer.id} />
          </Tabs.Panel>
        )}
      </Tabs>

      <ConfirmModal
        opened={archiving}
        onClose={archiveDialog.close}
        title={`Archive ${customer.name}?`}
        confirmLabel="Archive customer"
        pending={archive.isPending}
        error={archive.error}
        onConfirm={() =>
          archive.mutate(customer.id, {
            onSuccess: () => {
              notifySuccess(`${customer.name} was archived; its history and published plans are kept.`);
              navigate('/customers');
            },
          })
        }
      >
        It disappears from lists and can no longer be chosen for new incidents. Its history, its incidents and its published plans
        are kept.
      </ConfirmModal>
    </Stack>
  );
}

function CustomerPageSkeleton() {
  return (
    <Stack gap="md" maw={1280} mx="auto" aria-busy aria-label="Loading customer">
      <Skeleton h={12} w={90} />
      <Skeleton h={30} w="40%" />
      <Skeleton h={14} w={160} />
      <Skeleton h={36} mt="sm" />
      <Skeleton h={240} />
    </Stack>
  );
}
