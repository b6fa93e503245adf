import { Alert, Button, Text } from '@mantine/core';
import { IconRefreshAlert } from '@tabler/icons-react';

/** Someone saved the object this form edits: saving now would be refused, so offer to start from their version. */
export function ChangedMeanwhileAlert({ what, by, onLoad }: { what: string; by?: string; onLoad: () => void }) {
  return (
    <Alert color="yellow" variant="light" icon={<IconRefreshAlert size={18} />} title="Changed while you were editing">
      <Text size="sm">
        {by ?? 'Someone else'} saved changes to this {what} after you opened it. Load their version to continue; your unsaved
        edits here are discarded.
      </Text>
      <Button mt="xs" size="xs" variant="white" color="yellow" onClick={onLoad}>
        Load their version
      </Button>
    </Alert>
  );
}
