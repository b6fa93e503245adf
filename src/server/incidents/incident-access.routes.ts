import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../auth/authenticate.ts';
import type { Actor } from '../auth/policy.ts';
import type { Deps } from '../core/deps.ts';
import { grantIncidentAccess } from './grant-incident-access.ts';
import { listAccess, RED } from './incident-access.queries.ts';
import { readIncident } from './read-incident.ts';
import { revokeIncidentAccess } from './revoke-incident-access.ts';

const AccessList = Type.Object({
  needToKnow: Type.Boolean({ description: 'true while the incident is TLP:RED: then only the people listed may read it' }),
  users: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      addedBy: Type.String({ description: 'who put them on the list, by the name on the timeline' }),
      addedAt: Type.String(),
      reason: Type.String({ description: 'reporter, set-red, assigned, added or break-glass' }),
    }),
  ),
});
const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const UserParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
  userId: Type.String({ minLength: 1, maxLength: 100 }),
});

/** The need-to-know list of an incident: who may read it while it is TLP:RED. */
export function registerIncidentAccessRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['incidents'];

  async function accessList(actor: Actor, idOrKey: string) {
    const { state } = await readIncident(deps, actor, idOrKey);
    const rows = await listAccess(deps.database.db, state.id);
    return {
      needToKnow: state.tlp === RED,
      users: rows.map((r) => ({
        id: r.user_id,
        name: r.user_name,
        addedBy: r.added_by_name,
        addedAt: r.added_at,
        reason: r.reason,
      })),
    };
  }

  api.get('/api/v1/incidents/:id/access', { schema: { tags, params: Params, response: { 200: AccessList } } }, async (request) =>
    accessList(actorOf(request), request.params.id),
  );

  api.put(
    '/api/v1/incidents/:id/access/:userId',
    { schema: { tags, params: UserParams, response: { 200: AccessList } } },
    async (request) => {
      const actor = actorOf(request);
      await grantIncidentAccess(deps, actor, request.params.id, request.params.userId);
      return accessList(actor, request.params.id);
    },
  );

  api.delete('/api/v1/incidents/:id/access/:userId', { schema: { tags, params: UserParams } }, async (request, reply) => {
    await revokeIncidentAccess(deps, actorOf(request), request.params.id, request.params.userId);
    return reply.status(204).send();
  });
}
