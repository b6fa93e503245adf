import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** Above a form's buttons: the API refusal that names none of its fields (the form's `_api` error, see showApiError). */
export function NotSavedAlert({ error }: { error: ReactNode }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="Not saved">
      {error}
    </Alert>
  );
}
