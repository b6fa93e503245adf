import { ActionIcon, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import type { EvidenceItem } from '../../shared/triage-types.ts';
import { RelativeTime } from '../core/RelativeTime.tsx';
import { ShaBadge } from '../plans/ShaBadge.tsx';
import { evidenceContentUrl, formatSize } from './evidence-api.ts';

/** Evidence items: what, its SHA-256, size, where it came from, who collected it and when, and a download link. */
export function EvidenceList({ items, label = 'Evidence' }: { items: EvidenceItem[]; label?: string }) {
  return (
    <Table.ScrollContainer minWidth={620}>
      <Table verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Item</Table.Th>
            <Table.Th scope="col">SHA-256</Table.Th>
            <Table.Th scope="col">Source</Table.Th>
            <Table.Th scope="col">Collected</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Download</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} data-evidence-id={item.id}>
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
              <Table.Td>
                <Tooltip label={`Download ${item.name}`} withArrow>
                  <ActionIcon
                    component="a"
                    href={evidenceContentUrl(item.id)}
                    download={item.name}
                    variant="subtle"
                    aria-label={`Download ${item.name}`}
                  >
                    <IconDownload size={16} />
                  </ActionIcon>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
