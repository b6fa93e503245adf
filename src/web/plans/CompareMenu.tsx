import { Button, Menu } from '@mantine/core';
import { IconArrowsDiff } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PlanVersionSummary } from '../../shared/prepare-types.ts';
import { formatDate } from './plan-format.ts';

/** "Compare with…": every other version of the same plan. */
export function CompareMenu({
  plan,
  versions,
  size = 'xs',
}: {
  plan: PlanVersionSummary;
  versions: PlanVersionSummary[];
  size?: 'xs' | 'sm';
}) {
  const others = versions.filter((v) => v.id !== plan.id);
  if (others.length === 0) return null;
  return (
    <Menu position="bottom-end" withArrow>
      <Menu.Target>
        <Button
          size={size}
          variant="subtle"
          leftSection={<IconArrowsDiff size={14} />}
          aria-label={`Compare version ${plan.version} with…`}
        >
          Compare with…
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Compare version {plan.version} with</Menu.Label>
        {others.map((other) => (
          <Menu.Item key={other.id} component={Link} to={`/plans/${plan.id}/compare/${other.id}`}>
            Version {other.version} · {formatDate(other.publishedAt)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
