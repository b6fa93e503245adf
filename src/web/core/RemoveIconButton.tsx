import { ActionIcon, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

/** A row's red icon button that removes, revokes or withdraws something; its label is both tooltip and name. */
export function RemoveIconButton({ label, icon, onClick }: { label: string; icon: ReactNode; onClick: () => void }) {
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}
