import { Alert, Badge, Flex, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { PaceWarning } from '../../shared/prepare-types.ts';
import { PACE_LEVEL_COLORS, PACE_LEVEL_LABELS } from './pace-labels.ts';

const CODE_TITLES: Record<PaceWarning['code'], string> = {
  'shared-infrastructure': 'Shared infrastructure',
  'missing-level': 'Missing level',
  'untested-channel': 'Never tested',
  'stale-test': 'Test is old',
  'unknown-channel': 'Unknown contact or channel',
};

// The most dangerous first: two levels that fail together defeat the point of a ladder.
const ORDER: PaceWarning['code'][] = [
  'shared-infrastructure',
  'unknown-channel',
  'missing-level',
  'untested-channel',
  'stale-test',
];

interface PaceWarningsProps {
  warnings: PaceWarning[];
  title?: string;
  compact?: boolean;
}

/** What weakens a ladder, each naming its level (and, in the message, the contact and channel). */
export function PaceWarnings({ warnings, title, compact }: PaceWarningsProps) {
  if (warnings.length === 0) return null;
  const sorted = [...warnings].sort((a, b) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code));
  const serious = sorted.some((w) => w.code === 'shared-infrastructure' || w.code === 'unknown-channel');
  return (
    <Alert
      color={serious ? 'red' : 'yellow'}
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title={title ?? (warnings.length === 1 ? '1 warning on this ladder' : `${warnings.length} warnings on this ladder`)}
      p={compact ? 'xs' : undefined}
    >
      <List spacing={6} size="sm" listStyleType="none" ml={0} pl={0}>
        {sorted.map((w) => (
          <List.Item key={`${w.code}-${w.level}-${w.message}`}>
            <Flex gap={6} direction={{ base: 'column', sm: 'row' }} align="flex-start">
              {w.level ? (
                <Badge size="sm" variant="light" color={PACE_LEVEL_COLORS[w.level]} w={112} style={{ flexShrink: 0 }}>
                  {PACE_LEVEL_LABELS[w.level]}
                </Badge>
              ) : (
                <Badge size="sm" variant="light" color="gray" w={112} style={{ flexShrink: 0 }}>
                  Ladder
                </Badge>
              )}
              <Text size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
                <Text span fw={600} inherit>
                  {CODE_TITLES[w.code] ?? w.code}:
                </Text>{' '}
                {w.message}
              </Text>
            </Flex>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
