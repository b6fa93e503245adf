import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { shortFingerprint } from './triage-labels.tsx';

/** An alert's fingerprint, shortened, with the full value on hover and a copy button. */
export function Fingerprint({ value }: { value: string }) {
  return (
    <Group gap={2} wrap="nowrap">
      <Tooltip label={value} withArrow multiline maw={320} style={{ overflowWrap: 'anywhere' }}>
        <Code fz="xs" aria-label={`Fingerprint ${value}`} data-fingerprint={value}>
          {shortFingerprint(value)}
        </Code>
      </Tooltip>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy the fingerprint'} withArrow>
            <ActionIcon
              variant="subtle"
              color={copied ? 'teal' : 'gray'}
              size="sm"
              onClick={copy}
              aria-label="Copy the fingerprint"
            >
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
