import { Badge, type BadgeProps, Tooltip } from '@mantine/core';
import type { Tlp } from '../../shared/incident-vocabulary.ts';
import { TLP_COLORS, TLP_DESCRIPTIONS } from './incident-labels.ts';

/** TLP 2.0 label as FIRST prescribes it: the colour as text on a black background. */
export function TlpBadge({ tlp, ...props }: { tlp: Tlp } & BadgeProps) {
  return (
    <Tooltip label={TLP_DESCRIPTIONS[tlp]} withArrow openDelay={300}>
      <Badge
        radius="sm"
        tt="none"
        ff="monospace"
        fw={700}
        styles={{
          root: {
            background: '#000',
            color: TLP_COLORS[tlp],
            border: '1px solid #495057',
          },
        }}
        data-tlp={tlp}
        {...props}
      >
        {tlp}
      </Badge>
    </Tooltip>
  );
}
