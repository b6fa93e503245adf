import { Alert, Badge, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconBellOff, IconLock, IconPlugConnected, IconStack2 } from '@tabler/icons-react';
import { useAccess } from '../customers/customers-api.ts';
import { useTabParam } from '../customers/use-tab-param.ts';
import { AlertRulesTab } from './AlertRulesTab.tsx';
import { AlertSourcesTab } from './AlertSourcesTab.tsx';
import { useAlertSilences } from './alerts-api.ts';
import { SilencesTab } from './SilencesTab.tsx';

const TABS = ['sources', 'rules', 'silences'] as const;

/** `/admin/alerts`: where alerts come from (sources and their tokens), how they are grouped, and what is silenced. */
export function AlertsAdminPage() {
  useDocumentTitle('Alert sources — Muster');
  const { data: access } = useAccess();
  const admin = access?.allowed.manageAlertSources ?? false;
  const [tab, setTab] = useTabParam(TABS, 'sources');
  const silences = useAlertSilences(admin);
  const active = silences.data?.filter((s) => s.active).length ?? 0;

  return (
    <Stack gap="lg" maw={1280} mx="auto">
      <div>
        <Title order={1} fz="h2">
          Alert sources
        </Title>
        <Text c="dimmed" size="sm">
          Monitoring systems post alerts here with their own token. Alerts are de-duplicated by fingerprint, grouped, and wait in
          the triage queue (or open or join an incident, by rule).
        </Text>
      </div>
      {access && !admin ? (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} title="For administrators and customer managers">
          Only administrators and a customer’s managers manage its alert sources, grouping rules and silences.
        </Alert>
      ) : (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="sources" leftSection={<IconPlugConnected size={16} />}>
              Sources
            </Tabs.Tab>
            <Tabs.Tab value="rules" leftSection={<IconStack2 size={16} />}>
              Grouping rules
            </Tabs.Tab>
            <Tabs.Tab
              value="silences"
              leftSection={<IconBellOff size={16} />}
              rightSection={
                active ? (
                  <Badge size="xs" variant="light" circle>
                    {active}
                  </Badge>
                ) : null
              }
            >
              Silences
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="sources" pt="md">
            <AlertSourcesTab />
          </Tabs.Panel>
          <Tabs.Panel value="rules" pt="md">
            <AlertRulesTab />
          </Tabs.Panel>
          <Tabs.Panel value="silences" pt="md">
            <SilencesTab />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
