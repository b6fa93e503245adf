import { Badge, type BadgeProps, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

/** Marks a service that holds personal data: a breach there may start GDPR clocks. */
export function PersonalDataBadge(props: BadgeProps) {
  return (
    <Tooltip label="Holds personal data: a breach may have to be reported under GDPR" withArrow>
      <Badge variant="outline" color="grape" leftSection={<IconLock size={12} aria-hidden />} {...props}>
        Personal data
      </Badge>
    </Tooltip>
  );
}
