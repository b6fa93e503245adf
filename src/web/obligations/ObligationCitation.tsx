import { Anchor, Group, Text } from '@mantine/core';
import { IconExternalLink, IconScale } from '@tabler/icons-react';
import type { ObligationDefinition } from '../../shared/prepare-types.ts';

/** Where the rule comes from, linked to the legal text when there is one. */
export function ObligationCitation({ source, size = 'sm' }: { source: ObligationDefinition['source']; size?: 'xs' | 'sm' }) {
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <IconScale
        size={size === 'xs' ? 13 : 15}
        style={{ flexShrink: 0, marginTop: 3 }}
        aria-hidden
        color="var(--mantine-color-dimmed)"
      />
      {source.url ? (
        <Anchor href={source.url} target="_blank" rel="noopener noreferrer" size={size} style={{ overflowWrap: 'anywhere' }}>
          {source.citation}
          <IconExternalLink size={12} style={{ marginLeft: 3, verticalAlign: 'middle' }} aria-label="(opens in a new tab)" />
        </Anchor>
      ) : (
        <Text size={size} c="dimmed">
          {source.citation}
        </Text>
      )}
    </Group>
  );
}
