import { Button, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconFileTypeHtml, IconFileTypePdf, IconFileTypography, IconKey } from '@tabler/icons-react';

const FORMATS = [
  { format: 'pdf', label: 'PDF', icon: IconFileTypePdf },
  { format: 'html', label: 'HTML', icon: IconFileTypeHtml },
  { format: 'json', label: 'JSON', icon: IconFileTypography },
] as const;

/**
 * The signed incident report as plain download links (GETs with the session cookie); each export is recorded on
 * the timeline. How to check a file is one line away (docs/incident-report.md).
 */
export function ExportReportMenu({ incidentId }: { incidentId: string }) {
  return (
    <Menu position="bottom-end" withArrow width={300}>
      <Menu.Target>
        <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />}>
          Export report
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed incident report</Menu.Label>
        {FORMATS.map(({ format, label, icon: Icon }) => (
          <Menu.Item
            key={format}
            component="a"
            href={`/api/v1/incidents/${encodeURIComponent(incidentId)}/report.${format}`}
            download
            leftSection={<Icon size={16} />}
          >
            {label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Text size="xs" c="dimmed" px="sm" py={4}>
          Each file is signed with this installation’s Ed25519 key and the export is recorded on the timeline. Check a file with{' '}
          <code>npm run muster -- verify-export FILE</code>, or with openssl and the public key.
        </Text>
        <Menu.Item component="a" href="/api/v1/signing-key.pem" download leftSection={<IconKey size={16} />}>
          Public signing key (PEM)
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
