import { Alert, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconLock } from '@tabler/icons-react';
import { useAccess } from '../customers/customers-api.ts';
import { PublicReportFormSettings } from './PublicReportFormSettings.tsx';

/** `/admin/intake`: the public report form, the way people without an account report to the team; for administrators. */
export function IntakeSettingsPage() {
  useDocumentTitle('Public report form — Muster');
  const { data: access } = useAccess();
  return (
    <Stack gap="lg" maw={900} mx="auto">
      <div>
        <Title order={1} fz="h2">
          Public report form
        </Title>
        <Text c="dimmed" size="sm">
          How people without an account report a suspected incident to the team.
        </Text>
      </div>
      {access && !access.allowed.manageIntake ? (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} title="For administrators">
          Only administrators change how reports reach Muster. Ask one if you need the public report form.
        </Alert>
      ) : (
        <PublicReportFormSettings />
      )}
    </Stack>
  );
}
