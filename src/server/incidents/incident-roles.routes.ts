import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { INCIDENT_ROLES } from '../../shared/incident-vocabulary.ts';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { Enum, Nullable } from '../core/http/schema-types.ts';
import { assignIncidentRole } from './assign-incident-role.ts';
import { Incident } from './incidents.schemas.ts';
import { presentIncident } from './incidents.views.ts';
import { readIncidentRoles } from './read-incident-roles.ts';
import { removeIncidentRole } from './remove-incident-role.ts';

const Id = Type.String({ minLength: 1, maxLength: 100 });
const Params = Type.Object({ id: Id });
const RoleParams = Type.Object({ id: Id, role: Enum(INCIDENT_ROLES) });
const ExpectedVersion = Type.Optional(Type.Integer({ minimum: 1 }));

const Roles = Type.Object({
  roles: Type.Array(
    Type.Object({
      role: Type.String(),
      label: Type.String(),
      holder: Nullable(
        Type.Object({
          userId: Type.String(),
          name: Type.String(),
          via: Type.String({
            description: 'incident: named on the incident; roster: the plan roster’s holder, not yet taken on',
          }),
        }),
      ),
      assigned: Nullable(Type.String({ description: 'what the incident names: a user id, or a name typed through PATCH' })),
    }),
  ),
  candidates: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
    description: 'the active users who may be given a role (empty for a reader who may not change the incident)',
  }),
});

/** The CSIRT roles of an incident: who holds each, given and taken away one at a time and told to the holder. */
export function registerIncidentRoleRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['incidents'];

  api.get('/api/v1/incidents/:id/roles', { schema: { tags, params: Params, response: { 200: Roles } } }, (request) =>
    readIncidentRoles(deps, actorOf(request), request.params.id),
  );

  api.put(
    '/api/v1/incidents/:id/roles/:role',
    {
      schema: {
        tags,
        params: RoleParams,
        body: Type.Object({ userId: Id, expectedVersion: ExpectedVersion }, { additionalProperties: false }),
        response: { 200: Incident },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id, role } = request.params;
      const { userId, expectedVersion } = request.body;
      return presentIncident(deps, await assignIncidentRole(deps, actor, id, role, userId, expectedVersion), actor);
    },
  );

  api.delete(
    '/api/v1/incidents/:id/roles/:role',
    {
      schema: {
        tags,
        params: RoleParams,
        querystring: Type.Object({ expectedVersion: ExpectedVersion }, { additionalProperties: false }),
        response: { 200: Incident },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id, role } = request.params;
      return presentIncident(deps, await removeIncidentRole(deps, actor, id, role, request.query.expectedVersion), actor);
    },
  );
}
