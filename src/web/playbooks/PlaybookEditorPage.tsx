import { Alert, Anchor, Badge, Button, Grid, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArchive, IconArrowLeft, IconCopy, IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Playbook } from '../../shared/prepare-types.ts';
import { PlaybookActionBanner } from '../actions/PlaybookActionBanner.tsx';
import { ErrorState } from '../core/ErrorState.tsx';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { PageLoadError } from '../core/PageLoadError.tsx';
import { RemoveModal } from '../core/RemoveModal.tsx';
import { useScopeAllowed } from '../customers/customers-api.ts';
import { useCustomerRecord } from '../plans/plans-api.ts';
import { PlaybookForm } from './PlaybookForm.tsx';
import { PlaybookHistory } from './PlaybookHistory.tsx';
import { PlaybookSourceBadge } from './PlaybookSourceBadge.tsx';
import { PlaybookStepsView } from './PlaybookStepsView.tsx';
import { playbookCategoryLabel, playbookHref } from './playbook-labels.ts';
import { type LibraryPlaybook, useArchivePlaybook, useCopyPlaybook, useLibraryPlaybooks, usePlaybook } from './playbooks-api.ts';

/** `/playbooks/:id`: a stored playbook as a form (read-only without the right to change it), or a library one to copy. */
export function PlaybookEditorPage() {
  const { id = '' } = useParams();
  const library = useLibraryPlaybooks();
  const builtIn = library.data?.find((p) => p.id === id);
  const stored = usePlaybook(id, library.isSuccess && !builtIn);
  useDocumentTitle(`${builtIn?.name ?? stored.data?.name ?? 'Playbook'} — Muster`);

  if (library.isError)
    return <ErrorState title="Could not load the playbook" error={library.error} onRetry={() => library.refetch()} />;
  if (builtIn) return <PlaybookPageLayout library={builtIn} />;
  if (library.isPending || stored.isPending) return <PlaybookPageSkeleton />;
  if (stored.isError) {
    return (
      <PageLoadError
        query={stored}
        title="Could not load the playbook"
        notFound={{
          title: 'Playbook not found',
          description: 'It may have been removed, or it belongs to a customer you are not a member of.',
          backTo: '/',
          backLabel: 'Home',
        }}
      />
    );
  }
  return <PlaybookPageLayout stored={stored.data} libraryItems={library.data ?? []} />;
}

interface LayoutProps {
  library?: LibraryPlaybook;
  stored?: Playbook;
  libraryItems?: LibraryPlaybook[];
}

function PlaybookPageLayout({ library, stored, libraryItems = [] }: LayoutProps) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  // The customer the user came from (copy target and back link); a customer's own copy names its customer itself.
  const contextCustomer = stored?.customerId ?? params.get('customer');
  const customer = useCustomerRecord(contextCustomer);
  const scopeAccess = useScopeAllowed(stored ? stored.customerId : null);
  const customerAccess = useScopeAllowed(contextCustomer);
  const organisationAccess = useScopeAllowed(null);
  const copy = useCopyPlaybook();
  const archive = useArchivePlaybook();
  const [confirmArchive, setConfirmArchive] = useState(false);

  const playbook = (library ?? stored) as LibraryPlaybook | Playbook;
  const source = library ? 'library' : stored?.customerId ? 'customer' : 'organisation';
  const basedOn = stored?.basedOn ? (libraryItems.find((p) => p.id === stored.basedOn)?.name ?? null) : null;
  const backTo = contextCustomer
    ? `/customers/${encodeURIComponent(contextCustomer)}?tab=playbooks`
    : '/organisation?tab=playbooks';
  const canEdit = Boolean(stored) && scopeAccess.edit;

  const copyFor = (customerId: string | null) =>
    copy.mutate(
      { from: playbook.id, customerId },
      {
        onSuccess: (created) => {
          notifySuccess('Adapt the copy below; it replaces the playbook it was copied from.', `${created.name}: copy made`);
          navigate(playbookHref(created, customerId), { replace: true });
        },
        onError: (error) => notifyError('The playbook was not copied', error),
      },
    );

  const copyActions: React.ReactNode[] = [];
  if (contextCustomer && customerAccess.edit && source !== 'customer') {
    copyActions.push(
      <Button
        key="customer"
        leftSection={<IconCopy size={16} />}
        onClick={() => copyFor(contextCustomer)}
        loading={copy.isPending && copy.variables?.customerId === contextCustomer}
      >
        Copy for {customer.data?.name ?? 'this customer'}
      </Button>,
    );
  }
  if (source === 'library' && organisationAccess.edit) {
    copyActions.push(
      <Button
        key="organisation"
        variant={copyActions.length ? 'default' : 'filled'}
        leftSection={<IconCopy size={16} />}
        onClick={() => copyFor(null)}
        loading={copy.isPending && copy.variables?.customerId === null}
      >
        Copy for our organisation
      </Button>,
    );
  }

  return (
    <Stack gap="md" maw={1280} mx="auto">
      <div>
        <Anchor component={Link} to={backTo} size="sm" c="dimmed">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden />{' '}
            {contextCustomer ? `${customer.data?.name ?? 'Customer'}: playbooks` : 'Our organisation: playbooks'}
          </Group>
        </Anchor>
        <Group gap="sm" mt={4} align="center">
          <Title order={1} fz="h2">
            {playbook.name}
          </Title>
          <PlaybookSourceBadge source={source} size="lg" />
          <Badge variant="outline" color="gray" size="lg">
            v{playbook.version}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {source === 'library' && 'Built-in playbook. Copy it to adapt it for our organisation or a customer.'}
          {source === 'organisation' &&
            `Our organisation’s version${basedOn ? `, copied from the library’s “${basedOn}”` : ''}. It applies to every customer without a copy of its own.`}
          {source === 'customer' &&
            `${customer.data?.name ?? 'The customer'}’s own version${basedOn ? `, copied from the library’s “${basedOn}”` : ''}. It replaces the general one in their plan.`}
        </Text>
      </div>
      <PlaybookActionBanner customerId={stored?.customerId ?? null} slug={stored?.slug ?? null} />

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          {canEdit && stored ? (
            <PlaybookForm key={stored.id} playbook={stored} />
          ) : (
            <Stack gap="md">
              <Paper withBorder radius="md" p="md">
                <Text size="sm">{playbook.summary}</Text>
                {playbook.categories.length > 0 && (
                  <Group gap={4} mt="sm">
                    {playbook.categories.map((c) => (
                      <Badge key={c} size="sm" variant="outline" color="gray" tt="none">
                        {playbookCategoryLabel(c)}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Paper>
              <PlaybookStepsView steps={playbook.steps} />
            </Stack>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            {copyActions.length > 0 && (
              <Paper withBorder radius="md" p="md">
                <Title order={2} fz="h4" mb="xs">
                  Adapt it
                </Title>
                <Text size="sm" c="dimmed" mb="sm">
                  A copy replaces this playbook for its scope and can then be edited; the original stays as it is.
                </Text>
                <Stack gap="xs">{copyActions}</Stack>
              </Paper>
            )}
            {stored && !canEdit && !scopeAccess.loading && (
              <Alert color="gray" variant="light" icon={<IconLock size={18} />}>
                {stored.customerId
                  ? 'You can read this playbook; a manager of the customer can change it.'
                  : 'You can read this playbook; an administrator can change it.'}
              </Alert>
            )}
            {stored && <PlaybookHistory id={stored.id} basedOnName={basedOn ?? undefined} />}
            {stored && canEdit && (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconArchive size={16} />}
                onClick={() => setConfirmArchive(true)}
              >
                Remove this copy
              </Button>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
      <RemoveModal
        opened={confirmArchive}
        onClose={() => setConfirmArchive(false)}
        title="Remove this copy?"
        removeLabel="Remove copy"
        pending={archive.isPending}
        onRemove={() =>
          stored &&
          archive.mutate(stored.id, {
            onSuccess: () => {
              notifySuccess('The copy is removed.');
              navigate(backTo);
            },
            onError: (error) => notifyError('The copy was not removed', error),
          })
        }
      >
        The copy is archived (kept with its history) and the playbook it replaced applies again. Published plan versions keep the
        copy they froze.
      </RemoveModal>
    </Stack>
  );
}

function PlaybookPageSkeleton() {
  return (
    <Stack gap="md" maw={1280} mx="auto" aria-busy aria-label="Loading playbook">
      <Skeleton h={14} w={140} />
      <Skeleton h={30} w="40%" />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Skeleton h={400} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Skeleton h={200} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
