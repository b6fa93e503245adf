import { ActionIcon, Badge, Group, Paper, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { IconArchive, IconPencil } from '@tabler/icons-react';
import type { Contact, CustomerObligation, ObligationDefinition } from '../../shared/prepare-types.ts';
import { errorMessage } from '../core/error-message.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { ObligationCitation } from './ObligationCitation.tsx';
import { ObligationDetails } from './ObligationDetails.tsx';
import { useCreateObligation, useUpdateObligation } from './obligations-api.ts';
import { RecipientContactSelect } from './RecipientContactSelect.tsx';

interface ObligationCardProps {
  customerId: string;
  /** The rule as shown: the library's text for library entries, the customer's own otherwise. */
  definition: ObligationDefinition;
  /** The customer's record for it; undefined for a library entry never switched on. */
  obligation: CustomerObligation | undefined;
  /** Set for library entries: switching on creates the customer's record from the library. */
  libraryId?: string;
  contacts: readonly Contact[];
  canEdit: boolean;
  onEdit?: () => void;
  onArchive?: () => void;
}

/** One reporting obligation with its switch, its rule in words and (when on) the contact who receives it. */
export function ObligationCard({
  customerId,
  definition,
  obligation,
  libraryId,
  contacts,
  canEdit,
  onEdit,
  onArchive,
}: ObligationCardProps) {
  const create = useCreateObligation();
  const update = useUpdateObligation();
  const recipient = useUpdateObligation();
  const on = Boolean(obligation?.enabled);
  const switching = create.isPending || update.isPending;
  const titleId = `obligation-${obligation?.id ?? libraryId}-name`;

  const toggle = (next: boolean) => {
    const done = () => notifySuccess(next ? `${definition.name} is switched on.` : `${definition.name} is switched off.`);
    const failed = (error: unknown) => notifyError(next ? 'Could not switch it on' : 'Could not switch it off', error);
    if (obligation) {
      update.mutate(
        { id: obligation.id, enabled: next, expectedVersion: obligation.version },
        { onSuccess: done, onError: failed },
      );
    } else if (next && libraryId) {
      create.mutate({ customerId, libraryId }, { onSuccess: done, onError: failed });
    }
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="article"
      aria-labelledby={titleId}
      style={on ? { borderColor: 'var(--mantine-primary-color-light-color)', borderLeftWidth: 4 } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Group align="flex-start" wrap="nowrap" gap="sm">
            <Switch
              checked={on}
              onChange={(e) => toggle(e.currentTarget.checked)}
              disabled={!canEdit || switching}
              aria-labelledby={titleId}
              size="md"
              mt={2}
              onLabel="ON"
              offLabel="OFF"
            />
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={600} id={titleId}>
                  {definition.name}
                </Text>
                {on ? (
                  <Badge size="sm" color="teal" variant="light">
                    Switched on
                  </Badge>
                ) : (
                  <Badge size="sm" color="gray" variant="outline">
                    Off
                  </Badge>
                )}
              </Group>
              <ObligationCitation source={definition.source} />
            </Stack>
          </Group>
          {canEdit && (onEdit || onArchive) && (
            <Group gap={4} wrap="nowrap">
              {onEdit && (
                <Tooltip label="Edit this rule" withArrow>
                  <ActionIcon variant="subtle" color="gray" onClick={onEdit} aria-label={`Edit ${definition.name}`}>
                    <IconPencil size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
              {onArchive && (
                <Tooltip label="Remove this rule (kept in the history)" withArrow>
                  <ActionIcon variant="subtle" color="red" onClick={onArchive} aria-label={`Remove ${definition.name}`}>
                    <IconArchive size={16} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          )}
        </Group>
        <ObligationDetails definition={definition} />
        {on && obligation && (
          <RecipientContactSelect
            label="Recipient contact"
            description="Who receives the report: their channels are used to deliver it"
            contacts={contacts}
            value={obligation.recipientContactId}
            disabled={!canEdit || recipient.isPending}
            maw={460}
            error={recipient.isError ? errorMessage(recipient.error) : undefined}
            onChange={(value) =>
              recipient.mutate(
                { id: obligation.id, recipientContactId: value, expectedVersion: obligation.version },
                { onSuccess: () => notifySuccess('Recipient saved.') },
              )
            }
          />
        )}
      </Stack>
    </Paper>
  );
}
