import { Button, Group, Paper, Title } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface CustomerLinkPanelProps {
  titleId: string;
  title: string;
  /** The "ask the customer" button's text; the button shows in the header when showAsk. */
  askLabel: string;
  showAsk: boolean;
  onAsk: () => void;
  children: ReactNode;
}

/** The frame of a panel of requests the customer answers through a link: titled section with the ask button in its header. */
export function CustomerLinkPanel({ titleId, title, askLabel, showAsk, onAsk, children }: CustomerLinkPanelProps) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="h4" id={titleId}>
          {title}
        </Title>
        {showAsk && (
          <Button size="compact-sm" leftSection={<IconSend size={14} />} onClick={onAsk}>
            {askLabel}
          </Button>
        )}
      </Group>
      {children}
    </Paper>
  );
}
