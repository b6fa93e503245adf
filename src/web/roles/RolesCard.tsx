import { Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { Incident, IncidentRoles } from '../../shared/api-types.ts';
import { INCIDENT_ROLE_TITLES, type IncidentRole } from '../../shared/incident-vocabulary.ts';
import { useMe } from '../auth/auth-api.ts';
import { notifyError, notifySuccess } from '../core/notify.ts';
import { QueryView } from '../core/QueryView.tsx';
import { RoleRow } from './RoleRow.tsx';
import { useIncidentRoles, useRoleActions } from './roles-api.ts';

/**
 * The CSIRT roles of the incident: who holds each (named on the incident, or the roster's holder not yet taken on),
 * given and taken away one at a time. Whoever is given a role is told through their own channels; the incident
 * manager comes first, and is asked for while the incident is being assessed.
 */
export function RolesCard({ incident, canAct }: { incident: Incident; canAct: boolean }) {
  const query = useIncidentRoles(incident.id, incident.version);
  const frozen = incident.status === 'closed' || incident.status === 'dismissed';
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="roles-title">
      <Title order={2} fz="h4" mb={4} id="roles-title">
        Roles
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {canAct && !frozen
          ? 'Whoever you give a role is told at once, through the contact linked to their account (else its e-mail).'
          : frozen
            ? `The incident is ${incident.status}; reopen it to change its roles.`
            : 'Who holds each role for this incident.'}
      </Text>
      <QueryView
        query={query}
        loading={<Skeleton h={160} aria-busy aria-label="Loading the roles" />}
        errorTitle="Could not load the roles"
      >
        {(roles) => <RoleList incident={incident} roles={roles} canAct={canAct && !frozen} />}
      </QueryView>
    </Paper>
  );
}

function RoleList({ incident, roles, canAct }: { incident: Incident; roles: IncidentRoles; canAct: boolean }) {
  const { data: me } = useMe();
  const { assign, remove } = useRoleActions(incident);
  const busy = assign.isPending || remove.isPending;
  const give = (role: IncidentRole, userId: string, name: string) =>
    assign.mutate(
      { role, userId, name },
      {
        onSuccess: () =>
          notifySuccess(
            userId === me?.id
              ? `You are now the ${INCIDENT_ROLE_TITLES[role]} of ${incident.key}`
              : `${name} is now the ${INCIDENT_ROLE_TITLES[role]} and is being told`,
          ),
        onError: (error) => notifyError('Role not given', error),
      },
    );
  const takeAway = (role: IncidentRole, name: string) =>
    remove.mutate(
      { role, name },
      {
        onSuccess: () => notifySuccess(`${name} is no longer the ${INCIDENT_ROLE_TITLES[role]}`),
        onError: (error) => notifyError('Role not removed', error),
      },
    );
  const managerMissing = incident.status === 'assessing' && !incident.assignments['incident-manager'];
  return (
    <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label={`Roles of ${incident.key}`}>
      {roles.roles.map((entry) => (
        <RoleRow
          key={entry.role}
          entry={entry}
          candidates={roles.candidates}
          meId={me?.id ?? null}
          canAct={canAct}
          busy={busy}
          needed={entry.role === 'incident-manager' && managerMissing}
          onAssign={(userId, name) => give(entry.role, userId, name)}
          onRemove={(name) => takeAway(entry.role, name)}
        />
      ))}
    </Stack>
  );
}
