import { Button, Group } from '@mantine/core';
import { IconAddressBook, IconFileTypeHtml, IconFileTypePdf } from '@tabler/icons-react';
import { kitUrl } from './plan-format.ts';

/** The offline kit of a plan version: plain download links (GETs with the session cookie), in the customer's zone. */
export function PlanKitLinks({ planId, version, size = 'xs' }: { planId: string; version: number; size?: 'xs' | 'sm' }) {
  return (
    <Group gap={6} wrap="wrap">
      <Button
        component="a"
        href={kitUrl(planId, 'kit.html')}
        size={size}
        variant="default"
        leftSection={<IconFileTypeHtml size={14} />}
        aria-label={`Offline kit (HTML) of version ${version}`}
      >
        Offline kit (HTML)
      </Button>
      <Button
        component="a"
        href={kitUrl(planId, 'kit.pdf')}
        size={size}
        variant="default"
        leftSection={<IconFileTypePdf size={14} />}
        aria-label={`PDF of version ${version}`}
      >
        PDF
      </Button>
      <Button
        component="a"
        href={kitUrl(planId, 'pace-card.html')}
        size={size}
        variant="default"
        leftSection={<IconAddressBook size={14} />}
        aria-label={`PACE card of version ${version}`}
      >
        PACE card
      </Button>
    </Group>
  );
}
