import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth/authenticate.ts';
import type { Deps } from '../core/deps.ts';
import { registerLinkPages } from '../customer-links/link-routes.ts';
import { answerPreservation } from './answer-preservation.ts';
import { listPreservations, presentPreservation } from './list-preservations.ts';
import { type OpenedPreserveLink, openPreserveLink } from './open-preserve-link.ts';
import * as S from './preservation.schemas.ts';
import { preservationItems } from './preservation.views.ts';
import { readPreserveForm } from './preserve-form.ts';
import { expiredPreservePage, preserveFormPage, preserveThanksPage } from './preserve-pages.ts';
import { requestPreservation } from './request-preservation.ts';
import { suggestPreserveItems } from './suggest-preserve-items.ts';

/** Asking the customer to preserve what only they hold, the requests with their answers, and the customer's page. */
export function registerPreservationRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['preservation requests'];

  api.post(
    '/api/v1/incidents/:id/preservation-requests',
    { schema: { tags, params: S.IdParams, body: S.RequestBody, response: { 201: S.PreservationRequest } } },
    async (request, reply) => {
      const row = await requestPreservation(deps, actorOf(request), request.params.id, request.body);
      return reply.status(201).send(await presentPreservation(deps, row));
    },
  );

  api.get(
    '/api/v1/incidents/:id/preservation-requests',
    { schema: { tags, params: S.IdParams, response: { 200: S.PreservationList } } },
    async (request) => ({ items: await listPreservations(deps, actorOf(request), request.params.id) }),
  );

  api.get(
    '/api/v1/incidents/:id/preservation-requests/suggested-items',
    { schema: { tags, params: S.IdParams, response: { 200: S.SuggestedItems } } },
    async (request) => suggestPreserveItems(deps, actorOf(request), request.params.id),
  );

  // The customer's page: public, no JavaScript, the token in the path is the only key; answers may change until it expires.
  registerLinkPages<OpenedPreserveLink>(app, {
    path: '/preserve',
    what: 'preservation request',
    async open(token) {
      const link = await openPreserveLink(deps, token);
      return link && { link, closed: link.expired ? expiredPreservePage(link.incident, link.request.expires_at) : null };
    },
    show: ({ incident, request }, action) => preserveFormPage(incident, request, action),
    async submit({ incident, request }, form, action) {
      const read = readPreserveForm(preservationItems(request), form);
      if (!read.ok) {
        const refusal = { problem: read.problem, field: read.field, form };
        return { status: 400, html: preserveFormPage(incident, request, action, refusal) };
      }
      const answered = await answerPreservation(deps, request.id, read.value);
      return { status: 200, html: preserveThanksPage(incident, answered, action, read.value.answers.length) };
    },
  });
}
