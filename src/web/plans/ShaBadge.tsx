import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { shortHash } from './plan-format.ts';

/** A plan's SHA-256, shortened, with the full value on hover and a copy button. */
export function ShaBadge({ sha256 }: { sha256: string }) {
  return (
    <Group gap={2} wrap="nowrap">
      <Tooltip label={sha256} withArrow multiline maw={300} style={{ overflowWrap: 'anywhere' }}>
        <Code fz="xs" aria-label={`SHA-256 ${sha256}`}>
          {shortHash(sha256)}
        </Code>
      </Tooltip>
      <CopyButton value={sha256} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy the full SHA-256'} withArrow>
            <ActionIcon
              variant="subtle"
              color={copied ? 'teal' : 'gray'}
              size="sm"
              onClick={copy}
              aria-label="Copy the full SHA-256"
            >
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
