import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import * as S from './actions.schemas.ts';
import { actionView } from './actions.views.ts';
import { changeAction } from './change-action.ts';
import { createAction } from './create-action.ts';
import { draftAction } from './draft-action.ts';
import { listActionPage, listIncidentActionBoard } from './list-actions.ts';

/** Actions from post-incident reviews: an incident's, everyone's own across incidents, their changes and drafts. */
export function registerActionRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['reviews'];

  api.get(
    '/api/v1/incidents/:id/review/actions',
    { schema: { tags, params: S.IdParams, response: { 200: S.IncidentActionsReply } } },
    async (request) => listIncidentActionBoard(deps, actorOf(request), request.params.id),
  );

  api.post(
    '/api/v1/incidents/:id/review/actions',
    { schema: { tags, params: S.IdParams, body: S.NewActionBody, response: { 201: S.ReviewAction } } },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await createAction(deps, actor, request.params.id, request.body);
      return reply.status(201).send(actionView(row, { actor, now: deps.clock.now() }));
    },
  );

  api.get(
    '/api/v1/actions',
    { schema: { tags, querystring: S.ActionListQuery, response: { 200: S.ActionPageReply } } },
    async (request) => listActionPage(deps, actorOf(request), { ...request.query, limit: request.query.limit ?? 50 }),
  );

  api.patch(
    '/api/v1/actions/:id',
    { schema: { tags, params: S.IdParams, body: S.ActionChangesBody, response: { 200: S.ReviewAction } } },
    async (request) => {
      const actor = actorOf(request);
      return actionView(await changeAction(deps, actor, request.params.id, request.body), { actor, now: deps.clock.now() });
    },
  );

  api.post(
    '/api/v1/actions/:id/draft',
    { schema: { tags, params: S.IdParams, response: { 200: S.DraftReply } } },
    async (request) => {
      const actor = actorOf(request);
      const { action, edit } = await draftAction(deps, actor, request.params.id);
      return { action: actionView(action, { actor, now: deps.clock.now() }), edit };
    },
  );
}
