import { Badge, Button, EmptyState, Group, Modal, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconGavel, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { CustomerObligation } from '../../shared/prepare-types.ts';
import { ErrorState } from '../core/ErrorState.tsx';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { RemoveModal } from '../core/RemoveModal.tsx';
import { useScopeAllowed } from '../customers/customers-api.ts';
import { useContactsInScope } from '../pace/pace-api.ts';
import { ContractTemplateForm } from './ContractTemplateForm.tsx';
import { CustomObligationForm } from './CustomObligationForm.tsx';
import { ObligationCard } from './ObligationCard.tsx';
import { useArchiveObligation, useCustomerObligations, useObligationLibrary } from './obligations-api.ts';

/**
 * A customer's reporting obligations: the library's laws and regulations as switches, the contract template,
 * and rules of the customer's own.
 */
export function ObligationsTab({ customerId }: { customerId: string }) {
  const library = useObligationLibrary();
  const obligations = useCustomerObligations(customerId);
  const contacts = useContactsInScope(customerId);
  const access = useScopeAllowed(customerId);
  const archive = useArchiveObligation();
  const [editing, setEditing] = useState<CustomerObligation | 'new' | null>(null);
  const [archiving, setArchiving] = useState<CustomerObligation | null>(null);

  const failed = [library, obligations, contacts].find((q) => q.isError);
  if (failed) {
    return (
      <ErrorState
        title="Could not load the reporting obligations"
        error={failed.error}
        onRetry={() => {
          void library.refetch();
          void obligations.refetch();
          void contacts.refetch();
        }}
      />
    );
  }
  if (!library.data || !obligations.data || !contacts.data) {
    return (
      <Stack gap="md" aria-busy aria-label="Loading reporting obligations">
        <Skeleton h={20} w="60%" />
        {[1, 2, 3].map((i) => (
          <Skeleton key={i} h={180} radius="md" />
        ))}
      </Stack>
    );
  }

  const items = obligations.data;
  const inScope = contacts.data;
  const own = items.filter((o) => o.libraryId === null);
  const switchedOn = items.filter((o) => o.enabled).length;
  const canEdit = access.edit;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={820}>
          Who must be told, by when, about what. Each switched-on obligation starts its clocks on this customer’s incidents when
          its conditions hold; the incident page shows the countdowns.
        </Text>
        <Badge size="lg" variant="light" color={switchedOn ? 'teal' : 'gray'}>
          {switchedOn} switched on
        </Badge>
      </Group>
      {!canEdit && !access.loading && (
        <Text size="sm" c="dimmed">
          You can read these obligations; a manager of this customer can switch them on and off.
        </Text>
      )}

      <Stack gap="sm" component="section" aria-labelledby="obligation-library-title">
        <div>
          <Title order={3} fz="h4" id="obligation-library-title">
            Laws and regulations
          </Title>
          <Text size="sm" c="dimmed">
            Switch on the regimes that apply to this customer. The rule text is copied from the library when switched on.
          </Text>
        </div>
        {library.data.map((entry) => (
          <ObligationCard
            key={entry.id}
            customerId={customerId}
            definition={entry}
            obligation={items.find((o) => o.libraryId === entry.id)}
            libraryId={entry.id}
            contacts={inScope}
            canEdit={canEdit}
          />
        ))}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="obligation-own-title">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={3} fz="h4" id="obligation-own-title">
              Contract and the customer’s own rules
            </Title>
            <Text size="sm" c="dimmed">
              What the contract or the customer requires beyond the law.
            </Text>
          </div>
          {canEdit && (
            <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => setEditing('new')}>
              Add a rule of the customer’s own
            </Button>
          )}
        </Group>
        {canEdit && (
          <ContractTemplateForm
            customerId={customerId}
            contacts={inScope}
            alreadySetUp={own.some((o) => o.definition.id.startsWith('contract-'))}
          />
        )}
        {own.length === 0 ? (
          <Paper withBorder radius="md" p="md">
            <EmptyState
              size="sm"
              icon={<IconGavel size={26} />}
              withIndicatorBackground
              title="No rules of the customer’s own yet"
              description={
                canEdit
                  ? 'Apply the contract template above, or add a rule with its own conditions, deadlines and required content.'
                  : 'A manager of this customer can add the contract’s reporting rules here.'
              }
            />
          </Paper>
        ) : (
          own.map((o) => (
            <ObligationCard
              key={o.id}
              customerId={customerId}
              definition={o.definition}
              obligation={o}
              contacts={inScope}
              canEdit={canEdit}
              onEdit={() => setEditing(o)}
              onArchive={() => setArchiving(o)}
            />
          ))
        )}
      </Stack>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'A rule of the customer’s own' : 'Edit rule'}
        size="xl"
        closeOnClickOutside={false}
      >
        {editing !== null && (
          <CustomObligationForm
            customerId={customerId}
            contacts={inScope}
            existing={editing === 'new' ? undefined : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <RemoveModal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title="Remove this rule?"
        removeLabel="Remove rule"
        pending={archive.isPending}
        onRemove={() =>
          archiving &&
          archive.mutate(archiving.id, {
            onSuccess: () => {
              notifySuccess('The rule is removed.');
              setArchiving(null);
            },
            onError: (error) => notifyError('The rule was not removed', error),
          })
        }
      >
        <b>{archiving?.definition.name}</b> no longer applies to new incidents. It is kept with its history, and published plan
        versions keep it. To pause a rule instead, switch it off.
      </RemoveModal>
    </Stack>
  );
}
