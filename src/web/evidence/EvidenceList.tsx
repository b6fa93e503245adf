import { ActionIcon, Badge, Button, Group, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import type { EvidenceItem } from '../../shared/triage-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { ShaBadge } from '../plans/ShaBadge.tsx';
import { EvidenceCustody } from './EvidenceCustody.tsx';
import { evidenceContentUrl, formatSize } from './evidence-api.ts';

/**
 * Evidence items: what, its SHA-256, size, where it came from, who collected it and when, and a download link.
 * With `custody`, each item opens its chain of custody (and, for those who may change the incident, recording
 * a step and verifying).
 */
export function EvidenceList({
  items,
  label = 'Evidence',
  custody,
  onDownload,
}: {
  items: EvidenceItem[];
  label?: string;
  custody?: { incidentId: string; canChange: boolean };
  onDownload?: () => void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const columns = custody ? 6 : 5;
  return (
    <Table.ScrollContainer minWidth={620}>
      <Table verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Item</Table.Th>
            <Table.Th scope="col">SHA-256</Table.Th>
            <Table.Th scope="col">Source</Table.Th>
            <Table.Th scope="col">Collected</Table.Th>
            {custody && <Table.Th scope="col">Custody</Table.Th>}
            <Table.Th scope="col">
              <VisuallyHidden>Download</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Fragment key={item.id}>
              <Table.Tr data-evidence-id={item.id}>
                <Table.Td maw={260}>
                  <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {item.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatSize(item.size)} · {item.contentType}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ShaBadge sha256={item.sha256} />
                  {item.lastVerification && (
                    <Tooltip label={`Verified ${new Date(item.lastVerification.at).toLocaleString()}`} withArrow>
                      <Badge size="xs" variant="light" color={item.lastVerification.ok ? 'teal' : 'red'} tt="none">
                        {item.lastVerification.ok ? 'Intact' : 'Changed'}
                      </Badge>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td maw={200}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {item.source}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{item.collectedBy}</Text>
                  <RelativeTime value={item.collectedAt} size="xs" c="dimmed" />
                </Table.Td>
                {custody && (
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant={open === item.id ? 'light' : 'subtle'}
                      aria-expanded={open === item.id}
                      aria-controls={`custody-${item.id}`}
                      onClick={() => setOpen(open === item.id ? null : item.id)}
                    >
                      {item.custodyCount} {item.custodyCount === 1 ? 'step' : 'steps'}
                    </Button>
                  </Table.Td>
                )}
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Tooltip label={`Download ${item.name}`} withArrow>
                      <ActionIcon
                        component="a"
                        href={evidenceContentUrl(item.id)}
                        download={item.name}
                        variant="subtle"
                        aria-label={`Download ${item.name}`}
                        onClick={() => onDownload?.()}
                      >
                        <IconDownload size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Table.Td>
              </Table.Tr>
              {custody && open === item.id && (
                <Table.Tr id={`custody-${item.id}`}>
                  <Table.Td colSpan={columns} bg="var(--mantine-color-gray-light)">
                    <EvidenceCustody item={item} incidentId={custody.incidentId} canChange={custody.canChange} />
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
