import { ActionIcon, Anchor, Badge, Button, Group, Menu, Stack, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconEdit, IconPencil } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { ACTION_STATUSES, type ActionStatus, type ReviewAction } from '../../shared/review-types.ts';
import { notifyError } from '../core/notify.ts';
import { formatAbsolute } from '../core/time.ts';
import { ACTION_STATUS_COLORS, ACTION_STATUS_LABELS, targetWords } from './action-labels.ts';
import { draftPath, useDraftAction } from './actions-api.ts';

interface ActionRowProps {
  action: ReviewAction;
  pending: boolean;
  onStatus: (status: ActionStatus) => void;
  /** Where the owners to choose from are known (the incident's card): edit the title, owner and due date. */
  onEdit?: () => void;
  /** On "My actions": the incident it came from. */
  showIncident?: boolean;
}

/**
 * One action: title, owner, due time (in the user's zone, red once overdue), status and target; "Work on it" opens the
 * draft of its target and goes there.
 */
export function ActionRow({ action, pending, onStatus, onEdit, showIncident }: ActionRowProps) {
  const draft = useDraftAction();
  const navigate = useNavigate();
  const finished = action.status === 'done' || action.status === 'cancelled';
  const target = targetWords(action.target);
  const workOn = () =>
    draft
      .mutateAsync(action)
      .then(({ edit }) => navigate(draftPath(edit)))
      .catch((error) => notifyError(`Could not open the draft for “${action.title}”`, error));

  return (
    <Group component="li" justify="space-between" wrap="nowrap" py="xs" gap="sm" aria-label={action.title}>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600} size="sm" td={action.status === 'cancelled' ? 'line-through' : undefined}>
            {action.title}
          </Text>
          {action.exercise && (
            <Badge size="xs" color="grape" variant="light">
              Exercise
            </Badge>
          )}
          {target && (
            <Badge size="xs" variant="outline" color="indigo">
              {target}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {showIncident && (
            <>
              <Anchor component={Link} to={`/incidents/${action.incidentKey}`} size="xs">
                {action.incidentKey}
              </Anchor>{' '}
              · {action.incidentTitle} ·{' '}
            </>
          )}
          {action.ownerName ? `Owner: ${action.ownerName}` : 'No owner'} ·{' '}
          {action.dueAt ? (
            <Text
              span
              size="xs"
              c={action.overdue ? 'red' : undefined}
              fw={action.overdue ? 700 : undefined}
              data-overdue={action.overdue ? 'true' : undefined}
            >
              {action.overdue ? 'Overdue since ' : 'Due '}
              <time dateTime={action.dueAt}>{formatAbsolute(action.dueAt)}</time>
            </Text>
          ) : (
            'no due date'
          )}
          {action.doneAt && action.planVersionId && ` · Done with the plan published ${formatAbsolute(action.doneAt)}`}
        </Text>
        {action.detail && (
          <Text size="xs" lineClamp={2}>
            {action.detail}
          </Text>
        )}
      </Stack>
      <Group gap="xs" wrap="nowrap">
        {onEdit && action.allowed.change && (
          <Tooltip label="Edit">
            <ActionIcon variant="subtle" color="gray" onClick={onEdit} aria-label={`Edit “${action.title}”`}>
              <IconEdit size={16} />
            </ActionIcon>
          </Tooltip>
        )}
        {action.target && !finished && action.allowed.change && (
          <Tooltip label={action.target.type === 'plan' ? 'Open the customer’s plan' : 'Open the customer’s copy to edit'}>
            <Button
              size="xs"
              variant={action.draft ? 'default' : 'light'}
              leftSection={<IconPencil size={14} />}
              loading={draft.isPending}
              onClick={() => void workOn()}
            >
              {action.draft ? 'Go on with it' : 'Work on it'}
            </Button>
          </Tooltip>
        )}
        {action.allowed.change ? (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                size="xs"
                variant="light"
                color={ACTION_STATUS_COLORS[action.status]}
                rightSection={<IconChevronDown size={12} />}
                loading={pending}
                aria-label={`Status of “${action.title}”: ${ACTION_STATUS_LABELS[action.status]}`}
              >
                {ACTION_STATUS_LABELS[action.status]}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {ACTION_STATUSES.filter((s) => s !== action.status).map((s) => (
                <Menu.Item key={s} onClick={() => onStatus(s)}>
                  {ACTION_STATUS_LABELS[s]}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        ) : (
          <Badge variant="light" color={ACTION_STATUS_COLORS[action.status]}>
            {ACTION_STATUS_LABELS[action.status]}
          </Badge>
        )}
      </Group>
    </Group>
  );
}
